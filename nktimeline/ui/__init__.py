"""The desktop viewer: the only package that imports QtWidgets (in its submodules).

This ``__init__`` imports nothing so that headless code (``nktimeline.export``) can use the
QtGui-only painters in :mod:`nktimeline.ui.painting` without pulling in widgets.
"""
