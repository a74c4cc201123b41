"""``python -m nktimeline`` behaves exactly like the ``nktimeline`` command."""

import sys

from nktimeline.cli import main

if __name__ == "__main__":
    sys.exit(main())
