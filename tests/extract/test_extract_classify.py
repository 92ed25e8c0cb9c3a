"""Classification of own sentences (fictional actors) into ACLED sub-types, and declined kinds."""
from __future__ import annotations

import pytest

from warmonitor.errors import DataFileError, UsageError
from warmonitor.extract import Classification, classify
from warmonitor.extract.codes import event_types
from warmonitor.extract.lexicon import compile_lexicon

CASES = [
    ("Soldiers of the Vantor army clashed with Red Hand fighters near the river crossing on Monday.", "Armed clash"),
    ("Government troops recaptured the town of Meldra from the rebels after a week of fighting.", "Government regains territory"),
    ("Red Hand militants seized control of the district capital on Sunday.", "Non-state actor overtakes territory"),
    ("Doctors said the victims showed symptoms of exposure to chlorine gas after the attack on the village.", "Chemical weapon"),
    ("Warplanes bombed a market in the northern town, killing eleven people.", "Air/drone strike"),
    ("A drone strike hit a car carrying two commanders of the group.", "Air/drone strike"),
    ("A suicide bomber blew himself up at the entrance of a police academy.", "Suicide bomb"),
    ("Mortar shells landed on a residential neighbourhood of the city overnight.", "Shelling/artillery/missile attack"),
    ("A roadside bomb struck a patrol vehicle on the highway, wounding three soldiers.", "Remote explosive/landmine/IED"),
    ("An unknown assailant hurled a grenade into a crowded bar late on Friday.", "Grenade"),
    ("Fighters of the militia raped at least twelve women during the raid on the village.", "Sexual violence"),
    ("Gunmen shot dead a village chief and his two sons in their home.", "Attack"),
    ("Armed men abducted fifteen passengers from a bus on the main road.", "Abduction/forced disappearance"),
    ("Hundreds of teachers staged a peaceful protest outside the ministry to demand unpaid salaries.", "Peaceful protest"),
    ("Police fired tear gas to disperse demonstrators who had gathered in the main square.", "Protest with intervention"),
    ("Security forces opened fire on protesters, killing four people, witnesses said.", "Excessive force against protesters"),
    ("Rioters torched cars and threw stones at police during the protest against the new tax.", "Violent demonstration"),
    ("An angry mob lynched a man accused of theft in the market town.", "Mob violence"),
    ("The government and the rebel movement signed a ceasefire agreement in the capital.", "Agreement"),
    ("Police arrested twenty opposition activists in overnight raids.", "Arrests"),
    ("Two armed factions announced their merger into a single group on Tuesday.", "Change to group/activity"),
    ("Army engineers defused an improvised explosive device planted near the bridge.", "Disrupted weapons use"),
    ("The foreign troops established a new military base near the border town.", "Headquarters or base established"),
    ("Militiamen looted shops and burned houses in the abandoned village.", "Looting/property destruction"),
    ("Government forces withdrew from the town without a fight, handing it over to the militia.", "Non-violent transfer of territory"),
    ("Thousands of residents fled the town on Sunday, aid workers said.", "Civilians flee"),
]
DECLINED = [
    "A magnitude 6.1 earthquake struck the mountain region, destroying hundreds of homes.",
    "Floods caused by heavy rain killed nine people in the coastal districts.",
    "A fire broke out at a chemical plant after a gas leak, killing two workers.",
    "The foreign ministers of the two countries met in the capital to discuss trade and cooperation.",
    "Customs officers seized 40 kilograms of cocaine hidden in a shipment of bananas.",
    "The home side won the football match two goals to one in front of a full stadium.",
    "The Red Hand group claimed responsibility for the bombing in a statement posted online.",
]


@pytest.mark.parametrize("text,sub_type", CASES)
def test_sub_type(text: str, sub_type: str) -> None:
    got = classify(text)
    assert isinstance(got, Classification)
    assert got.sub_event_type == sub_type
    assert got.event_type == event_types()[sub_type]
    assert text[got.trigger.start : got.trigger.end] == got.trigger.text
    assert 0 < got.score <= 1


def test_every_sub_type_is_covered_by_a_case() -> None:
    wanted = set(event_types()) - {"Other"}
    assert wanted == {s for _, s in CASES}


@pytest.mark.parametrize("text", DECLINED)
def test_declined(text: str) -> None:
    assert classify(text) is None


def test_empty_text_is_no_event() -> None:
    assert classify("   ") is None


def test_non_string_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        classify(42)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "data",
    [
        {"concepts": {}, "rules": [{"sub_event_type": "Attack", "event_type": "Violence against civilians", "trigger": ["nope"], "priority": 1}]},
        {"concepts": {"a": ["kill*"]}, "rules": [{"trigger": ["a"], "priority": 1}]},
        {"rules": []},
    ],
)
def test_bad_lexicon_is_a_data_file_error(data: dict) -> None:
    with pytest.raises(DataFileError):
        compile_lexicon(data)
