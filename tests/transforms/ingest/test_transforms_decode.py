"""Bytes → text: legacy CJK and other multibyte encodings, UTF-16 without a BOM, strays in UTF-8, binary.

All stories below are ours, composed for these tests; each is encoded in the test and must decode back to
exactly the same text.
"""

from __future__ import annotations

import codecs
import random
import struct

import pytest

from support import FIXTURES
from transforms.ingest.decode import DETECTION_SAMPLE_BYTES, NotText, decode_text
from transforms.ingest.parse import parse_file
from transforms.records import RawRecord

INPUTS = FIXTURES / "inputs"

KOREAN = (
    '서울시는 14일 시내버스 요금을 내년 1월부터 150원 인상한다고 밝혔다. 시 관계자는 "연료비와 인건비가 크게 올라 '
    '불가피한 결정"이라고 설명했다.\n시민단체들은 이번 인상이 서민 부담을 키울 것이라며 반발하고 있다. '
    "시의회는 다음 주 공청회를 열어 시민들의 의견을 듣기로 했다.\n"
)
# '똠' and '꿍' are outside EUC-KR's 2,350 syllables: only CP949 has them.
KOREAN_CP949 = KOREAN + "한편 이태원의 한 태국 음식점은 똠양꿍 한 그릇 가격을 2천 원 올렸다고 밝혔다.\n"
JAPANESE = (
    "東京都は15日、来年度から都内の公立小学校で給食費を無償化すると発表した。対象となる児童は約60万人に上る見込みだ。\n"
    "知事は記者会見で「子育て世帯の負担を少しでも減らしたい」と述べた。財源には約200億円を充てるという。\n"
    "一方、一部の区議会からは、国の支援がなければ制度を続けるのは難しいとの声も上がっている。\n"
)
CHINESE_TRADITIONAL = (
    "台北市政府今天宣布，捷運票價將自明年三月起調漲百分之五。交通局長表示，電費與維修成本持續上升，"
    "調整票價實屬不得已。\n消費者團體批評此舉將加重通勤族負擔，並要求市府公開營運成本明細。"
    "市議會預計下週召開公聽會。\n"
)
CHINESE_SIMPLIFIED = (
    "国家统计局15日发布数据显示，今年前三季度国内生产总值同比增长百分之五。分析人士认为，"
    "消费回暖是经济增长的主要动力。\n不过，房地产市场仍然低迷，多地出台政策鼓励居民购房。"
    "专家预计，第四季度经济增速将保持平稳。\n"
)
# '䶮' is outside GBK: GB18030 writes it in four bytes.
CHINESE_GB18030 = CHINESE_SIMPLIFIED + "主持人刘䶮在节目中采访了多位经济学家。\n"
# «ТАСС»: 'С' then '»' is 0xD1 0xBB in CP1251, a valid UTF-8 pair, which used to make the whole story UTF-8.
RUSSIAN = (
    "Правительство Москвы в понедельник объявило о продлении программы капитального ремонта жилых домов "
    "до 2030 года. По словам мэра, на эти цели будет выделено более 200 миллиардов рублей, сообщает «ТАСС».\n"
    "Жители ряда районов жалуются на затянувшиеся работы и шум. В мэрии пообещали ускорить сроки и усилить "
    "контроль за подрядчиками.\n"
)
# 'Ά' is 0xB6 in ISO-8859-7 and '¶' in CP1253, which otherwise reads these bytes the same.
GREEK = (
    "Η κυβέρνηση ανακοίνωσε την Τρίτη νέα μέτρα στήριξης για τα νοικοκυριά, ύψους 500 εκατομμυρίων ευρώ, "
    "σύμφωνα με την «ΕΡΤ». Ο υπουργός Οικονομικών δήλωσε ότι τα μέτρα θα ισχύσουν από τον Ιανουάριο.\n"
    "Η αντιπολίτευση χαρακτήρισε τα μέτρα ανεπαρκή και ζήτησε μείωση του ΦΠΑ στα τρόφιμα. "
    "Ο Άρειος Πάγος εξετάζει προσφυγή.\n"
)
# 'Ź' is 0x8F in CP1250, a byte CP1252 leaves undefined.
POLISH = (
    "Źródła w ministerstwie finansów podały w piątek, że rząd przyjmie nowy budżet jeszcze w tym miesiącu.\n"
    "Związkowcy zapowiedzieli protest przed Sejmem, jeśli płace w sferze budżetowej nie wzrosną.\n"
)
ENGLISH_WITH_KOREAN = (
    "President Yoon Suk Yeol (윤석열 대통령) met reporters in Seoul on Monday, two days after the "
    "budget vote.\nHe said the government would 'keep its promise' on housing, the Yonhap "
    "(연합뉴스) news agency reported.\n"
)
ENGLISH_WITH_JAPANESE = (
    "Toyota Motor Corp (トヨタ自動車) said on Thursday it would build a new battery plant in "
    "Fukuoka, its first in the Kyushu region.\nThe plant is expected to employ about 1,200 "
    "people when it opens in 2028, a company spokesman told reporters in Nagoya.\n"
)
CHINESE_WITH_ASCII = (
    "苹果公司（Apple Inc.）周二在加州库比蒂诺发布新款iPhone 16手机，起售价为799美元。\n"
    "该公司首席执行官Tim Cook在发布会上表示，新机型搭载A18芯片，电池续航提升约20%。\n"
    "分析师预计，新机在中国市场的销量将超过1000万部。详情见 https://www.apple.com.cn/ 。\n"
)
TRADITIONAL_WITH_ASCII = (
    "蘋果公司（Apple Inc.）週二在加州庫比蒂諾發表新款iPhone 16手機，起售價為799美元。\n"
    "該公司執行長Tim Cook在發表會上表示，新機型搭載A18晶片，電池續航力提升約20%。\n"
    "分析師預估，新機在台灣市場的銷量將超過100萬支。詳情請見 https://www.apple.com/tw/ 。\n"
)
ENGLISH = (
    "Council sets “green levy”\n\nThe council’s new levy will cost households £40 a year, the café owners’ "
    "association said on Monday.\n“It is too much,” said one owner. Officials said the money would pay for "
    "road repairs.\n"
)


@pytest.mark.parametrize(
    "text, encoding",
    [
        pytest.param(KOREAN, "euc_kr", id="korean-euc_kr"),
        pytest.param(KOREAN_CP949, "cp949", id="korean-cp949"),
        pytest.param(JAPANESE, "shift_jis", id="japanese-shift_jis"),
        pytest.param(JAPANESE, "cp932", id="japanese-cp932"),
        pytest.param(JAPANESE, "euc_jp", id="japanese-euc_jp"),
        pytest.param(CHINESE_TRADITIONAL, "big5", id="traditional-big5"),
        pytest.param(CHINESE_SIMPLIFIED, "gbk", id="simplified-gbk"),
        pytest.param(CHINESE_SIMPLIFIED, "gb2312", id="simplified-gb2312"),
        pytest.param(CHINESE_GB18030, "gb18030", id="simplified-gb18030"),
        pytest.param(RUSSIAN, "cp1251", id="russian-cp1251"),
        pytest.param(GREEK, "iso8859_7", id="greek-iso8859_7"),
        pytest.param(POLISH, "cp1250", id="polish-cp1250"),
        pytest.param(ENGLISH_WITH_KOREAN, "euc_kr", id="english+korean-euc_kr"),
        pytest.param(ENGLISH_WITH_JAPANESE, "shift_jis", id="english+japanese-shift_jis"),
        pytest.param(ENGLISH_WITH_JAPANESE, "euc_jp", id="english+japanese-euc_jp"),
        pytest.param(CHINESE_WITH_ASCII, "gbk", id="simplified+ascii-gbk"),
        pytest.param(TRADITIONAL_WITH_ASCII, "big5", id="traditional+ascii-big5"),
    ],
)
def test_legacy_encoding_round_trips(text, encoding):
    data = text.encode(encoding)
    decoded = decode_text(data)
    assert decoded.text == text
    # The codec it names reads these bytes the same way (CP949 for EUC-KR, GB18030 for GBK: supersets).
    assert (data.decode(decoded.encoding), decoded.repaired_bytes) == (text, 0)


def test_a_legacy_file_larger_than_the_sample_is_decoded_whole():
    text = "".join(f"{number}. {KOREAN}" for number in range(600))
    data = text.encode("euc_kr")
    assert len(data) > 2 * DETECTION_SAMPLE_BYTES
    assert (decode_text(data).text, decode_text(data).encoding) == (text, "cp949")


def test_legacy_text_after_a_long_ascii_head_is_found():
    head = "".join(f"<p>Item {number}: see the archive index for earlier stories.</p>\n" for number in range(2000))
    text = head + JAPANESE * 50
    decoded = decode_text(text.encode("cp932"))
    assert (decoded.text, decoded.encoding) == (text, "cp932")


def test_latin1_pound_sign_in_utf8_stays_utf8():
    data = "Café owners said on Monday that rents had risen by ".encode() + b"\xa340 a week.\n"
    decoded = decode_text(data)
    assert (decoded.text, decoded.encoding, decoded.repaired_bytes) == (
        "Café owners said on Monday that rents had risen by £40 a week.\n",
        "utf-8+cp1252",
        1,
    )


def test_cp1252_english_with_curly_quotes():
    data = ENGLISH.encode("cp1252")
    assert b"\x93" in data and b"\x94" in data and b"\xa3" in data and b"\xe9" in data
    decoded = decode_text(data)
    assert (decoded.text, decoded.encoding) == (ENGLISH, "cp1252")


def test_stray_cp1252_quotes_in_utf8_russian_stay_utf8():
    sentence = (
        "Мэр заявил: ".encode() + b"\x93" + "мы справимся".encode() + b"\x94" + ", и программа продлится.\n".encode()
    )
    decoded = decode_text(sentence * 5)
    assert decoded.text == "Мэр заявил: “мы справимся”, и программа продлится.\n" * 5
    assert (decoded.encoding, decoded.repaired_bytes) == ("utf-8+cp1252", 10)


def test_strays_at_the_end_of_a_large_utf8_file_do_not_decide_its_encoding():
    text = CHINESE_SIMPLIFIED * 1000
    data = text.encode() + b"Price: \xa340, \xa345, \xa350, \xa355, \xa360.\n"
    assert len(data) > DETECTION_SAMPLE_BYTES
    decoded = decode_text(data)
    assert decoded.text == text + "Price: £40, £45, £50, £55, £60.\n"
    assert (decoded.encoding, decoded.repaired_bytes) == ("utf-8+cp1252", 5)


@pytest.mark.parametrize("text", [ENGLISH, RUSSIAN, JAPANESE, KOREAN], ids=["english", "russian", "japanese", "korean"])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(text, encoding):
    decoded = decode_text(text.encode(encoding))
    assert (decoded.text, decoded.encoding) == (text, encoding)


@pytest.mark.parametrize(
    "bom, encoding",
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
    ids=["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"],
)
def test_utf16_and_utf32_with_bom(bom, encoding):
    decoded = decode_text(bom + GREEK.encode(encoding))
    assert decoded.text == GREEK
    assert decoded.encoding == encoding[:6]


def test_odd_length_utf16_with_bom_is_undecodable():
    with pytest.raises(NotText) as caught:
        decode_text((INPUTS / "utf16_bom_odd_length.txt").read_bytes())
    assert caught.value.reason_code == "undecodable"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(200),
        random.Random(0).randbytes(5000),
        random.Random(0).randbytes(5001),
        struct.pack("<1000H", *range(1000)),  # a table of 16-bit numbers: NULs in every other byte, yet not text
        struct.pack(">1000H", *range(1000)),
    ],
    ids=["png", "random-even", "random-odd", "uint16-le", "uint16-be"],
)
def test_binary_is_still_binary(data):
    with pytest.raises(NotText) as caught:
        decode_text(data)
    assert caught.value.reason_code == "binary_file"


def test_fullwidth_punctuation_is_kept_in_utf8():
    decoded = decode_text(CHINESE_SIMPLIFIED.encode())
    assert (decoded.text, decoded.encoding) == (CHINESE_SIMPLIFIED, "utf-8")
    assert "，" in decoded.text


def test_legacy_and_utf16_fixtures_parse_to_records():
    korean = parse_file("euc_kr_news.txt", (INPUTS / "euc_kr_news.txt").read_bytes())
    utf16 = parse_file("utf16le_no_bom.txt", (INPUTS / "utf16le_no_bom.txt").read_bytes())
    assert list(korean) == [
        RawRecord(
            "euc_kr_news.txt",
            "",
            "txt",
            "서울시, 버스 요금 150원 인상\n\n서울시는 14일 시내버스 요금을 내년 1월부터 150원 "
            '인상한다고 밝혔다. 시 관계자는 "연료비와 인건비가 크게 올라 불가피한 결정"이라고 설명했다.\n',
        )
    ]
    assert list(utf16) == [
        RawRecord(
            "utf16le_no_bom.txt",
            "",
            "txt",
            "Library extends opening hours\n\nThe city library will stay open until "
            "9pm on weekdays from March, the council said on Tuesday.\n",
        )
    ]
