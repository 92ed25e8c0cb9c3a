"""The stopword/script language detector (sentences written for the project)."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warmonitor.ingest import detect_language, from_text


@pytest.mark.parametrize(
    "text, lang",
    [
        ("The army said on Friday that it had withdrawn from the town after heavy fighting with the rebels.", "en"),
        ("L'armée a annoncé vendredi qu'elle s'était retirée de la ville après des combats dans le nord du pays.", "fr"),
        ("El ejército dijo el viernes que se había retirado de la ciudad tras los combates con los rebeldes.", "es"),
        ("Die Armee teilte am Freitag mit, dass sie sich nach schweren Kämpfen aus der Stadt zurückgezogen hat.", "de"),
        ("O exército disse na sexta-feira que se retirou da cidade após os combates com os rebeldes no norte.", "pt"),
        ("L'esercito ha detto venerdì che si è ritirato dalla città dopo i combattimenti con i ribelli.", "it"),
        ("Het leger zei vrijdag dat het zich na zware gevechten uit de stad heeft teruggetrokken.", "nl"),
        ("Армия заявила в пятницу, что она отошла из города после боев, и это было подтверждено.", "ru"),
        ("Армія заявила в п'ятницю, що вона відійшла з міста після боїв, і це також підтвердили.", "uk"),
        ("قال الجيش يوم الجمعة إنه انسحب من المدينة بعد معارك عنيفة مع المتمردين في الشمال", "ar"),
        ("軍は金曜日、激しい戦闘の後に町から撤退したと発表した。", "ja"),
        ("军方周五表示，在激烈战斗后已从该镇撤出。", "zh"),
        ("Ordu cuma günü yaptığı açıklamada, şiddetli çatışmaların ardından kentten çekildiğini söyledi ve bu da doğrulandı.", "tr"),
        ("12 34 56", None),
        ("Hama", None),
    ],
)
def test_detect(text, lang):
    assert detect_language(text) == lang


def test_article_language_meta_wins_and_non_english_is_kept():
    text = "L'armée se retire\nL'armée a annoncé vendredi qu'elle s'était retirée de la ville après des combats."
    assert from_text(text).language == "fr"
    assert from_text(text, {"language": "EN"}).language == "en"


@given(st.text(max_size=300))
def test_detect_never_raises(text):
    out = detect_language(text)
    assert out is None or isinstance(out, str)
