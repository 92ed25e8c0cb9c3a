"""Claims on sentences written for these tests: each attribution form, nesting, denial, threat,
verification. spaCy is loaded once (``load_nlp`` is cached)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warmonitor.model import Article, Claim, Span
from warmonitor.nlp import load_nlp
from warmonitor.resolve.actors import SourceRegistry, claim_for, extract_claims

SOURCES = SourceRegistry.load()


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def claims_of(nlp, text, outlet="The Daily Example", published="2025-03-07"):
    article = Article(body=text, outlet=outlet, published=published)
    return extract_claims(nlp(text), article, SOURCES)


def only(claims, contains):
    hits = [c for c in claims if contains in c.span.text]
    assert hits, [c.span.text for c in claims]
    return min(hits, key=lambda c: c.span.end - c.span.start)


@pytest.mark.parametrize(
    ("text", "contains", "source", "kind", "modality"),
    [
        ("The village was shelled overnight, according to the Syrian Observatory for Human Rights.",
         "village was shelled", "Syrian Observatory for Human Rights", "monitor", "reported"),
        ("According to OCHA, more than 4,000 people fled the district last week.",
         "4,000 people fled", "OCHA", "UN agency", "reported"),
        ("Reuters said the convoy reached the border crossing on Tuesday.",
         "convoy reached the border", "Reuters", "news agency", "reported"),
        ("SANA said in a statement that air defences shot down three drones.",
         "shot down three drones", "SANA", "state media", "reported"),
        ("Two bridges were destroyed near the dam, two local media outlets reported.",
         "Two bridges were destroyed", "two local media outlets", "local media", "reported"),
        ("Activists said the market was hit by artillery fire.",
         "market was hit", "Activists", "activists", "reported"),
        ("The Israel Defense Forces said its aircraft struck a weapons depot.",
         "struck a weapons depot", "Israel Defense Forces", "party to the conflict", "claimed"),
        ("The army denied that its soldiers had fired on the crowd.",
         "fired on the crowd", "army", "party to the conflict", "denied"),
        ("The rebel commander vowed to retake the airport within days.",
         "vowed to retake the airport", "rebel commander", "party to the conflict", "threatened"),
    ],
)
def test_attribution_forms(nlp, text, contains, source, kind, modality):
    claim = only(claims_of(nlp, text), contains)
    assert claim.source == source
    assert claim.source_kind == kind
    assert claim.modality == modality
    assert claim.outlet == "The Daily Example"


def test_spans_point_into_the_body(nlp):
    text = "Rescue workers said four people were pulled from the rubble, the Red Cross reported."
    for c in claims_of(nlp, text):
        assert text[c.span.start:c.span.end] == c.span.text
        if c.source_span:
            assert text[c.source_span.start:c.source_span.end] == c.source_span.text


def test_quoted_as_saying_is_nested(nlp):
    text = ("State news agency SANA quoted an unnamed security official as saying on Thursday that "
            "army units had repelled an attack on the bridge.")
    claims = claims_of(nlp, text)
    inner = only(claims, "repelled an attack")
    outer = next(c for c in claims if c.id == inner.parent)
    assert outer.source == "SANA" and outer.source_kind == "state media"
    assert inner.source_kind == "unnamed official" and "official" in inner.source
    assert inner.date == "2025-03-06"  # Thursday before Friday 7 March 2025
    assert claim_for(claims, inner.span.start + 5, inner.span.start + 10).id == inner.id


def test_reported_speech_inside_a_report_is_nested(nlp):
    text = "Reuters reported that the governor said the curfew would be lifted on Sunday."
    claims = claims_of(nlp, text)
    inner = only(claims, "curfew would be lifted")
    assert inner.parent is not None
    parent = next(c for c in claims if c.id == inner.parent)
    assert parent.source == "Reuters"


def test_named_person_with_office_is_a_party(nlp):
    text = "The defence minister, Gen. Tomas Verhoeven, said in a statement late on Wednesday that the retreat was tactical."
    claim = only(claims_of(nlp, text), "retreat was tactical")
    assert claim.speaker == "Tomas Verhoeven"
    assert claim.source_kind == "party to the conflict" and claim.modality == "claimed"
    assert claim.kind == "statement" and claim.date == "2025-03-05"


def test_position_claim(nlp):
    text = "The fighters are now 5 kilometres from the airport, according to the Institute for the Study of War."
    claim = only(claims_of(nlp, text), "5 kilometres from the airport")
    assert claim.kind == "position" and claim.source == "Institute for the Study of War"


def test_verification_marks_previous_sentence_unverified(nlp):
    text = ("Footage shared online appears to show a column of tanks on the highway. "
            "The Daily Example could not independently verify the footage.")
    claims = claims_of(nlp, text)
    check = only(claims, "could not independently verify")
    assert check.kind == "verification" and check.modality == "unverified"
    assert check.source == "The Daily Example" and check.source_kind == "outlet"
    assert only(claims, "column of tanks").modality == "unverified"


def test_verification_in_the_same_sentence(nlp):
    text = "The ministry said 30 fighters were killed, a figure that could not be verified."
    claims = claims_of(nlp, text)
    assert only(claims, "30 fighters were killed").modality == "unverified"


def test_unconfirmed_word_marks_claim(nlp):
    text = "Witnesses said unconfirmed reports put the toll at twelve."
    assert only(claims_of(nlp, text), "toll at twelve").modality == "unverified"


def test_negated_speech_is_not_a_claim(nlp):
    text = "The army has not said whether it withdrew from the town."
    assert not [c for c in claims_of(nlp, text) if "withdrew" in c.span.text]


def test_claim_ids_are_stable(nlp):
    text = "Activists said the bakery was hit twice."
    assert [c.id for c in claims_of(nlp, text)] == [c.id for c in claims_of(nlp, text)]


def test_claim_for_picks_innermost_and_none_outside():
    outer = Claim(id="a", span=Span(0, 50, "x" * 50))
    inner = Claim(id="b", span=Span(10, 30, "x" * 20), parent="a")
    assert claim_for([outer, inner], 12, 20).id == "b"
    assert claim_for([outer, inner], 40, 45).id == "a"
    assert claim_for([outer, inner], 45, 60) is None


def test_citing_nests_the_cited_source(nlp):
    text = "Reuters reported, citing two security sources, that the checkpoint was overrun at dawn."
    claims = claims_of(nlp, text)
    cited = [c for c in claims if c.parent and "checkpoint was overrun" in c.span.text]
    assert cited and cited[0].source_kind == "unnamed official"
    outer = next(c for c in claims if c.id == cited[0].parent)
    assert outer.source == "Reuters"
    assert claim_for(claims, cited[0].span.start, cited[0].span.end).id == cited[0].id


@pytest.mark.parametrize(
    ("text", "contains", "modality"),
    [
        ("The Crimson Valley Brigade claimed responsibility for the ambush on the convoy.",
         "claimed responsibility for the ambush", "claimed"),
        ('The mayor said, "Nobody has slept for three nights in this town."', "Nobody has slept", "reported"),
        ("In a statement, the aid agencies called on both sides to open the road to the hospital.",
         "to open the road", "reported"),
    ],
)
def test_object_quote_and_call_forms(nlp, text, contains, modality):
    claim = only(claims_of(nlp, text), contains)
    assert claim.modality == modality


def test_claim_continues_over_a_quotation_of_several_sentences(nlp):
    text = ("\u2018The water ran out on Monday. The wells are dry now,\u2019 a local official said. "
            "Aid trucks waited at the border.")
    claim = only(claims_of(nlp, text), "wells are dry")
    assert claim.span.text.startswith("The water ran out")


def test_one_word_source_names_need_a_capital(nlp):
    text = "The soldiers who attacked at dawn said the village had been emptied."
    claim = only(claims_of(nlp, text), "village had been emptied")
    assert claim.source != "Dawn"


_SOURCES = ["Reuters", "activists", "the Syrian Observatory for Human Rights", "a military spokesman", "SANA"]
_VERBS = ["said", "reported", "claimed", "denied"]
_CONTENT = ["the bridge was destroyed", "four fighters were killed near the dam", "the convoy reached the town"]


@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(_SOURCES), st.sampled_from(_VERBS), st.sampled_from(_CONTENT), st.booleans())
def test_generated_attributions_give_a_claim_over_the_content(nlp, source, verb, content, postposed):
    if postposed:  # "The bridge was destroyed, Reuters said." ("denied" does not come last in English)
        text = f"{content.capitalize()}, {source} {'said' if verb == 'denied' else verb}."
    else:
        text = f"{source[0].upper() + source[1:]} {verb} that {content}."
    claims = claims_of(nlp, text)
    assert any(content.lower() in c.span.text.lower() for c in claims), (text, [c.span.text for c in claims])
    for c in claims:
        assert text[c.span.start:c.span.end] == c.span.text


@pytest.mark.parametrize(
    ("text", "contains", "kind"),
    [
        ("The army issued a warning to residents of the northern district.", "issued a warning to residents", "threat"),
        ("The governor sent his condolences to the families of the victims.", "sent his condolences", "statement"),
        ("Several unions have already condemned the raid on the market.", "have already condemned the raid", "statement"),
    ],
)
def test_speech_acts_by_object(nlp, text, contains, kind):
    assert only(claims_of(nlp, text), contains).kind == kind


def test_it_points_back_to_the_previous_claims_source(nlp):
    text = ("The monitor said the dam was damaged on Monday. "
            "It also said two pumping stations were out of service.")
    claims = claims_of(nlp, text)
    assert only(claims, "pumping stations").source == only(claims, "dam was damaged").source


def test_the_statement_points_back_to_its_source(nlp):
    text = ("The regional administration said a school was hit. "
            "Two teachers were hurt, the statement said.")
    claims = claims_of(nlp, text)
    assert only(claims, "Two teachers were hurt").source == only(claims, "school was hit").source


def test_capital_as_source_is_a_government(nlp):
    claim = only(claims_of(nlp, "Moscow denied that its drones had struck the depot."), "drones had struck")
    assert claim.source == "Moscow" and claim.source_kind == "government" and claim.modality == "denied"


@pytest.mark.parametrize(
    ("text", "modality", "kind"),
    [("The rebel commander warned that the roads would be closed.", "threatened", "threat"),
     ("Aid agencies warned that the roads would be closed.", "reported", "report")],
)
def test_warning_is_a_threat_only_from_a_party(nlp, text, modality, kind):
    claim = only(claims_of(nlp, text), "roads would be closed")
    assert (claim.modality, claim.kind) == (modality, kind)


def test_verification_of_either_sides_claims_marks_recent_claims(nlp):
    text = ("The army said it had retaken the hill. The rebels said they still held it. "
            "The Daily Example could not verify the claims of either side.")
    claims = claims_of(nlp, text)
    assert only(claims, "retaken the hill").modality == "unverified"
    assert only(claims, "still held it").modality == "unverified"


def test_pronoun_after_a_clause_does_not_point_back(nlp):
    text = ("Local radio said the bridge was closed. "
            "The army left the town after the decision to withdraw, it said to spare lives.")
    claims = claims_of(nlp, text)
    assert not [c for c in claims if "army left the town" in c.span.text and c.source == "Local radio"]


def test_a_known_leader_speaking_is_the_source_not_his_group(nlp):
    claim = only(claims_of(nlp, "Hassan Nasrallah said the group would respond to the strike.", published="2024-08-01"),
                 "would respond")
    assert claim.source == "Hassan Nasrallah" and claim.speaker == "Hassan Nasrallah"
