"""Language detection: writing system first, then function words; the prose decides.

Every sentence here was written for these tests (the same news item in each language).
"""

from __future__ import annotations

import pytest

from nktimeline.ingest import article_from_bytes
from nktimeline.ingest.language import (
    ENGLISH_LIKE,
    detect_language,
    extraction_note,
    language_name,
)

SAMPLES = {
    "en": (
        "The two leaders met in Hanoi at the end of February, but the talks ended without "
        "an agreement. Officials said that a new round of negotiations could begin after "
        "the summer, and that both sides were still in contact."
    ),
    "fr": (
        "Les deux dirigeants se sont rencontrés à Hanoï à la fin du mois de février, mais "
        "les discussions se sont terminées sans accord. Selon les responsables, une "
        "nouvelle série de négociations pourrait commencer après l'été et les deux "
        "parties sont toujours en contact."
    ),
    "de": (
        "Die beiden Staatschefs trafen sich Ende Februar in Hanoi, aber die Gespräche "
        "endeten ohne eine Einigung. Nach Angaben von Beamten könnte eine neue "
        "Verhandlungsrunde nach dem Sommer beginnen, und beide Seiten stehen noch in "
        "Kontakt."
    ),
    "es": (
        "Los dos líderes se reunieron en Hanói a finales de febrero, pero las "
        "conversaciones terminaron sin un acuerdo. Según los funcionarios, una nueva "
        "ronda de negociaciones podría comenzar después del verano y las dos partes "
        "siguen en contacto."
    ),
    "pt": (
        "Os dois líderes se encontraram em Hanói no final de fevereiro, mas as conversas "
        "terminaram sem um acordo. Segundo as autoridades, uma nova rodada de negociações "
        "pode começar depois do verão e os dois lados ainda estão em contato."
    ),
    "it": (
        "I due leader si sono incontrati ad Hanoi alla fine di febbraio, ma i colloqui si "
        "sono conclusi senza un accordo. Secondo i funzionari, un nuovo ciclo di "
        "negoziati potrebbe iniziare dopo l'estate e le due parti sono ancora in "
        "contatto."
    ),
    "nl": (
        "De twee leiders ontmoetten elkaar eind februari in Hanoi, maar de gesprekken "
        "eindigden zonder een akkoord. Volgens functionarissen kan er na de zomer een "
        "nieuwe onderhandelingsronde beginnen en hebben beide partijen nog steeds contact "
        "met elkaar."
    ),
    "sv": (
        "De två ledarna träffades i Hanoi i slutet av februari, men samtalen slutade utan "
        "något avtal. Enligt tjänstemännen kan en ny förhandlingsrunda börja efter "
        "sommaren och båda sidor har fortfarande kontakt med varandra."
    ),
    "da": (
        "De to ledere mødtes i Hanoi i slutningen af februar, men samtalerne sluttede "
        "uden en aftale. Ifølge embedsmændene kan en ny forhandlingsrunde begynde efter "
        "sommeren, og begge parter er stadig i kontakt med hinanden."
    ),
    "no": (
        "De to lederne møttes i Hanoi i slutten av februar, men samtalene endte uten noen "
        "avtale. Ifølge tjenestemenn kan en ny forhandlingsrunde starte etter sommeren, "
        "og begge sider er fortsatt i kontakt med hverandre."
    ),
    "pl": (
        "Dwaj przywódcy spotkali się w Hanoi pod koniec lutego, ale rozmowy zakończyły "
        "się bez porozumienia. Według urzędników nowa runda negocjacji może się rozpocząć "
        "po lecie, a obie strony są nadal w kontakcie."
    ),
    "cs": (
        "Oba vůdci se setkali v Hanoji na konci února, ale rozhovory skončily bez dohody. "
        "Podle úředníků by nové kolo jednání mohlo začít po létě a obě strany jsou stále "
        "v kontaktu."
    ),
    "tr": (
        "İki lider şubat ayının sonunda Hanoi'de bir araya geldi, ancak görüşmeler bir "
        "anlaşma olmadan sona erdi. Yetkililere göre yeni bir müzakere turu yazdan sonra "
        "başlayabilir ve iki taraf hala temas halinde."
    ),
    "id": (
        "Kedua pemimpin bertemu di Hanoi pada akhir Februari, tetapi pembicaraan itu "
        "berakhir tanpa kesepakatan. Menurut para pejabat, putaran baru perundingan dapat "
        "dimulai setelah musim panas dan kedua pihak masih saling berhubungan."
    ),
    "vi": (
        "Hai nhà lãnh đạo đã gặp nhau tại Hà Nội vào cuối tháng hai, nhưng các cuộc đàm "
        "phán đã kết thúc mà không có thỏa thuận. Theo các quan chức, một vòng đàm phán "
        "mới có thể bắt đầu sau mùa hè và hai bên vẫn giữ liên lạc với nhau."
    ),
    "ru": (
        "Два лидера встретились в Ханое в конце февраля, но переговоры закончились без "
        "соглашения. По словам чиновников, новый раунд переговоров может начаться после "
        "лета, и обе стороны по-прежнему поддерживают контакт."
    ),
    "uk": (
        "Два лідери зустрілися в Ханої наприкінці лютого, але переговори завершилися без "
        "угоди. За словами посадовців, новий раунд переговорів може розпочатися після "
        "літа, і обидві сторони досі підтримують зв'язок."
    ),
    "bg": (
        "Двамата лидери се срещнаха в Ханой в края на февруари, но разговорите приключиха "
        "без споразумение. Според служителите нов кръг от преговори може да започне след "
        "лятото и двете страни все още са в контакт."
    ),
    "ko": (
        "두 정상은 2월 말 하노이에서 만났지만 회담은 합의 없이 끝났다. "
        "당국자들은 여름 이후 새로운 협상이 시작될 수 있으며 "
        "양측이 여전히 연락을 유지하고 있다고 말했다."
    ),
    "ja": (
        "両首脳は2月末にハノイで会談したが、協議は合意なしに終わった。"
        "当局者によると、新たな交渉は夏以降に始まる可能性があり、"
        "双方は今も連絡を取り合っているという。"
    ),
    "zh": (
        "两国领导人于二月底在河内会面，但会谈在没有达成协议的情况下结束。"
        "官员表示，新一轮谈判可能在夏季之后开始，双方仍保持联系。"
    ),
    "ar": (
        "التقى الزعيمان في هانوي في نهاية شهر فبراير، لكن المحادثات انتهت دون التوصل إلى "
        "اتفاق. وقال المسؤولون إن جولة جديدة من المفاوضات قد تبدأ بعد الصيف، وإن الطرفين "
        "لا يزالان على اتصال."
    ),
    "fa": (
        "دو رهبر در اواخر فوریه در هانوی با یکدیگر دیدار کردند، اما گفتگوها بدون توافق به "
        "پایان رسید. به گفته مقامات، دور تازه\u200cای از مذاکرات ممکن است پس از تابستان آغاز "
        "شود و دو طرف هنوز با هم در تماس هستند."
    ),
    "hi": (
        "दोनों नेताओं ने फरवरी के अंत में हनोई में मुलाकात की, लेकिन बातचीत बिना किसी "
        "समझौते के खत्म हो गई। अधिकारियों ने कहा कि गर्मियों के बाद बातचीत का नया दौर "
        "शुरू हो सकता है और दोनों पक्ष अभी भी संपर्क में हैं।"
    ),
    "el": (
        "Οι δύο ηγέτες συναντήθηκαν στο Ανόι στα τέλη Φεβρουαρίου, αλλά οι συνομιλίες "
        "ολοκληρώθηκαν χωρίς συμφωνία."
    ),
    "he": "שני המנהיגים נפגשו בהאנוי בסוף פברואר, אך השיחות הסתיימו ללא הסכם.",
    "th": ("ผู้นำทั้งสองพบกันที่กรุงฮานอยเมื่อปลายเดือนกุมภาพันธ์ แต่การเจรจาจบลงโดยไม่มีข้อตกลง"),
}

CHINESE_MENUS = [
    "首页",
    "新闻中心",
    "国际新闻",
    "产品中心",
    "关于我们",
    "联系我们",
    "您现在的位置是:半岛新闻网 > 产品中心",
    "热门文章",
    "推荐阅读",
    "网站地图",
    "版权所有 © 半岛新闻网",
    "上一篇：朝鲜半岛局势",
    "下一篇：经济新闻",
]


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_each_language_is_recognised(code):
    assert detect_language(SAMPLES[code]) == code


@pytest.mark.parametrize("code", ["en", "fr", "de", "es", "ru", "ko", "ja", "zh"])
def test_one_sentence_is_enough(code):
    first = SAMPLES[code].replace("。", ".").split(". ")[0]
    assert detect_language(first) == code


ENGLISH_STORY = [
    SAMPLES["en"],
    "The meeting was the second between the two men in less than a year. Their first summit, "
    "held in Singapore in June, produced a short joint statement that both sides have since "
    "read in different ways.",
    "Analysts in Seoul said the failure in Hanoi would not end the process, but that it showed "
    "how far apart the two governments remain on what should come first.",
]


def test_english_story_inside_chinese_page_chrome_is_english():
    menus = "\n".join(CHINESE_MENUS)
    page = "\n".join([menus] * 3 + ["", *ENGLISH_STORY, "", menus])
    han = sum("\u4e00" <= ch <= "\u9fff" for ch in page)
    letters = sum(ch.isascii() and ch.isalpha() for ch in page)
    assert 3 * han > letters  # by raw size (a Han character ~ 3 letters) the menus win ...
    assert detect_language(page) == "en"  # ... but the prose decides


def test_korean_story_with_english_menus_is_korean():
    menus = "\n".join(["Home", "Login", "Sign up", "Politics", "North Korea", "Share", "Print"])
    assert detect_language(menus + "\n\n" + SAMPLES["ko"] + "\n" + menus) == "ko"


def test_japanese_needs_kana_and_chinese_has_none():
    assert detect_language(SAMPLES["ja"]) == "ja"
    assert detect_language(SAMPLES["zh"]) == "zh"
    # Han characters inside Korean text (names, hanja) do not make it Chinese
    assert detect_language("金正恩 " + SAMPLES["ko"]) == "ko"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n ",
        "Hello",
        "Breaking news",
        "서울",
        "东京",
        "2019-06-30 10:30",
        "Kim Jong-un, Donald Trump, Moon Jae-in",
        "© 2019 ★ ☆ → ← ■",
    ],
)
def test_short_or_featureless_text_is_undetermined(text):
    assert detect_language(text) == "und"


def test_cyrillic_languages_are_told_apart_by_words_and_letters():
    assert [detect_language(SAMPLES[c]) for c in ("ru", "uk", "bg")] == ["ru", "uk", "bg"]


def test_names_and_notes():
    assert language_name("ko") == "Korean"
    assert language_name("zh") == "Chinese"
    assert language_name("xx") == "xx"
    assert frozenset({"en", "und"}) == ENGLISH_LIKE
    assert extraction_note("en") == extraction_note("und") == ""
    assert extraction_note("ko") == (
        "Events are only extracted from English text; this article is in Korean."
    )


def test_article_from_bytes_records_the_language():
    ko = (
        "남북 고위급회담 판문점서 개최\n\n입력 2018.06.01 10:30\n\n"
        + SAMPLES["ko"]
        + "\n\n양측은 다음 회담 일정을 곧 발표할 예정이라고 밝혔다.\n"
    )
    art = article_from_bytes(ko.encode("utf-8"), "ko.txt")
    assert art.language == "ko"
    assert art.to_json()["language"] == "ko"
    en = "Leaders meet in Hanoi\n\n" + SAMPLES["en"] + "\n"
    assert article_from_bytes(en.encode("utf-8"), "en.txt").language == "en"


def test_long_text_is_decided_on_its_beginning():
    big = "\n\n".join([SAMPLES["fr"]] * 5000)  # over a megabyte
    assert detect_language(big) == "fr"


def test_table_loads_lazily_and_without_qt(run_without_qt):
    proc = run_without_qt(
        """
        import nktimeline.ingest.language as lang
        assert lang._table.cache_info().currsize == 0  # importing reads no data file
        text = "Лидеры встретились в Ханое, но переговоры, как и было ожидаемо, не удались."
        assert lang.detect_language(text) == "ru"
        assert not any(m.startswith("PySide6") for m in sys.modules)
        print("ok")
        """
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("ok")
