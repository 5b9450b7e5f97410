"""The policy's rules 1-8, one behaviour per test, on tickets written for these tests."""

from __future__ import annotations

import pytest

from parsers import ParseResult, Reason

from .conftest import Parse, ready_ids

TEACHER = "rita.gomez@pinecrest.example"  # Elm Street Elementary


# -- rule 1: is it a reset request? ---------------------------------------------------------
@pytest.mark.parametrize(
    "body",
    [
        "Please reset Sam Lee 0456789, he forgot his challenge questions.",
        "Could you clear the security questions for Noah Fischer 0461832?",
        "Can you unlock Noah Fischer's portal account? ID 0461832",
        "Noah Fischer 0461832 is locked out, he forgot his challenge questions. Can you help?",
        "reset pls\nNoah Fischer 0461832",
    ],
)
def test_reset_requests_in_any_wording(parse: Parse, body: str) -> None:
    result = parse(body)
    assert result.reset_request
    assert ready_ids(result) == {"0461832"} or ready_ids(result) == {"0456789"}


@pytest.mark.parametrize(
    "body",
    [
        "The projector in room 12 keeps turning off. Noah Fischer 0461832 noticed it first.",
        "Can you reset my voicemail PIN? It is locked.",
        "Is there a way for students to reset their own challenge questions?",
        "Noah Fischer (0461832) had caps lock on, he's in now so nothing to reset.",
        "How do new students claim their accounts? Do they type the zero?",
        "Please reset the printer in the library, it shows an error.",
        "Noah Fischer 0461832 gets 'Authentication Failed'. What does that mean?",
    ],
)
def test_not_reset_requests_reset_nobody(parse: Parse, body: str) -> None:
    result = parse(body)
    assert not result.reset_request
    assert result.students == []


# -- rule 2: one entry per student ----------------------------------------------------------
def test_student_written_twice_is_one_entry(parse: Parse) -> None:
    result = parse(
        "Please reset Noah Fischer 0461832.\nNoah Fischer O461832 (he asked twice, sorry)"
    )
    assert [s.student_id for s in result.students] == ["0461832"]
    assert result.students[0].status == "ready"
    assert "letter_o_as_zero" in result.students[0].corrections


def test_name_in_subject_and_body_is_one_entry(parse: Parse) -> None:
    result = parse("She forgot her questions.\nNoah Fischer 0461832", subject="Reset for Noah")
    assert len(result.students) == 1 and ready_ids(result) == {"0461832"}


# -- rule 3: ID normalisation ------------------------------------------------------------
@pytest.mark.parametrize(
    ("written", "corrections"),
    [
        ("O461832", ["letter_o_as_zero"]),
        ("o461832", ["letter_o_as_zero"]),
        ("04618O2".replace("O", "3"), []),
        ("461832", ["missing_leading_zero"]),
        ("046-1832", []),
        ("046 1832", []),
        ("#0461832", []),
        ("ID: 0461832", []),
        ("ID#0461832", []),
        ("Student ID 0461832", []),
    ],
)
def test_automatic_id_fixes(parse: Parse, written: str, corrections: list[str]) -> None:
    result = parse(f"Please reset Noah Fischer {written}")
    assert ready_ids(result) == {"0461832"}
    assert result.students[0].corrections == corrections


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("04618322", Reason.ID_TOO_LONG),
        ("46183", Reason.ID_TOO_SHORT),
        ("O46l832", Reason.ID_OTHER_LETTER),
        ("0461B32", Reason.ID_OTHER_LETTER),
    ],
)
def test_ids_never_guessed(parse: Parse, written: str, reason: Reason) -> None:
    result = parse(f"Please reset Noah Fischer {written}")
    (entry,) = result.students
    assert entry.status == "review" and entry.student_id is None
    assert reason in entry.reason_codes
    assert result.needs_review


def test_lookalike_letter_gives_a_suggestion_not_a_reset(parse: Parse) -> None:
    result = parse("Please reset Olivia Oyelaran O4I2345")
    (entry,) = result.students
    assert entry.status == "review"
    assert [s.student_id for s in entry.suggestions] == ["0412345"]


# -- rule 4: the name check ----------------------------------------------------------------
@pytest.mark.parametrize(
    "written",
    [
        "Jose Martinez-Ruiz 0434567",
        "JOSÉ MARTINEZ RUIZ 0434567",
        "Martinez Ruiz, Jose 0434567",
        "jose martinezruiz 0434567",
        "Mary-Jane DeLaCruz 0445678",
        "De La Cruz, Mary Jane 0445678",
        "Liam ONeal 0423456",
        "Liam O’Neal 0423456",
        "Zoe Thi Nguyen 0478901",
        "Zoe T. Nguyen 0478901",
        "Dandre St. Clair 0541506",
    ],
)
def test_names_match_after_folding(parse: Parse, written: str) -> None:
    requester = "dana.fox@pinecrest.example"  # district staff: any school
    result = parse(f"Please reset these:\n{written}", requester=requester)
    assert len(ready_ids(result)) == 1, result.students


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("Mike Brennan 0467890", Reason.NAME_MISMATCH),  # nickname
        ("Jaylen Ward 0489012", Reason.NAME_MISMATCH),  # misspelling
        ("Noah 0461832", Reason.NAME_PARTIAL),  # first name only
        ("0461832", Reason.NAME_MISSING),
        ("Sam Lee 0412345", Reason.NAME_MISMATCH),  # the ID of someone else
    ],
)
def test_names_that_do_not_match_go_to_review(parse: Parse, written: str, reason: Reason) -> None:
    result = parse(f"Please reset these:\n{written}")
    (entry,) = result.students
    assert entry.status == "review" and reason in entry.reason_codes


def test_partial_multiword_first_name_is_review(parse: Parse) -> None:
    result = parse("Please reset Juan Perez 0518273", requester="paul.ng@pinecrest.example")
    assert result.students[0].status == "review"


def test_swapped_digits_suggest_the_right_student(parse: Parse) -> None:
    result = parse("Please reset Noah Fischer 0461823")
    (entry,) = result.students
    assert Reason.ID_NOT_IN_ROSTER in entry.reason_codes
    assert entry.suggestions[0].student_id == "0461832"
    assert "swapped" in entry.suggestions[0].why


def test_shared_name_with_two_ids_are_two_students(parse: Parse) -> None:
    result = parse("Please reset both:\nSam Lee 0456789\nSam Lee 0456798")
    assert ready_ids(result) == {"0456789", "0456798"}


# -- rule 5: roster state and missing IDs -------------------------------------------------
def test_inactive_and_disabled_students_are_review(parse: Parse) -> None:
    result = parse("Please reset:\nAiden Walsh 0490123\nGrace Kim 0401234")
    codes = [e.reason_codes for e in result.students]
    assert codes == [[Reason.STUDENT_INACTIVE], [Reason.STUDENT_DISABLED]]


def test_named_without_id_is_review_with_null_id_even_if_unique(parse: Parse) -> None:
    result = parse("Please reset Noah Fischer's account, I don't have his number.")
    (entry,) = result.students
    assert entry.student_id is None and entry.status == "review"
    assert entry.suggestions[0].student_id == "0461832"


# -- rule 6: who may ask ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("requester", "reason"),
    [
        ("ada@mail.example", Reason.REQUESTER_NOT_STAFF),
        ("stranger@example.org", Reason.REQUESTER_UNKNOWN),
        ("old.timer@pinecrest.example", Reason.REQUESTER_INACTIVE),
        ("paul.ng@pinecrest.example", Reason.REQUESTER_OTHER_SCHOOL),
    ],
)
def test_unauthorised_requesters(parse: Parse, requester: str, reason: Reason) -> None:
    result = parse("Please reset Noah Fischer 0461832", requester=requester)
    (entry,) = result.students
    assert entry.status == "review" and reason in entry.reason_codes


@pytest.mark.parametrize(
    "requester",
    ["dana.fox@pinecrest.example", "kim.aide@pinecrest.example", "LEE.MUSIC@pinecrest.example"],
)
def test_authorised_requesters(parse: Parse, requester: str) -> None:
    assert ready_ids(parse("Please reset Noah Fischer 0461832", requester=requester))


# -- rule 7: ticket-level review ----------------------------------------------------------
def test_whole_class_request_needs_review(parse: Parse) -> None:
    result = parse("Please reset the portal accounts for my whole 2nd period class.")
    assert result.reset_request and result.needs_review and result.students == []


def test_all_ready_does_not_need_review(parse: Parse) -> None:
    assert not parse("Please reset Noah Fischer 0461832").needs_review


# -- rule 8: text that is not a student ----------------------------------------------------
def test_signature_numbers_are_not_ids(parse: Parse) -> None:
    body = (
        "Please reset Noah Fischer 0461832.\n\nThanks,\nRita Gomez\nElm Street Elementary\n"
        "1200 Elm Street, Pinecrest, OR 97015\nRoom 104 | (503) 555-0142 ext. 2214 | x4410\n"
        "Fax 503.555.0199"
    )
    result = parse(body)
    assert [s.student_id for s in result.students] == ["0461832"]


def test_quoted_reply_is_ignored(parse: Parse) -> None:
    body = (
        "One more please: Noah Fischer 0461832\n\n"
        "On Tue, Sep 8, 2026 at 9:12 AM Rita Gomez <rita.gomez@pinecrest.example> wrote:\n"
        "> Please reset Olivia Oyelaran 0412345\n"
    )
    assert ready_ids(parse(body, subject="RE: portal resets")) == {"0461832"}


def test_outlook_header_block_is_ignored(parse: Parse) -> None:
    body = (
        "Please reset Noah Fischer 0461832 too.\n\n"
        "From: Rita Gomez <rita.gomez@pinecrest.example>\nSent: Monday, September 7, 2026\n"
        "To: Help Desk\nSubject: resets\n\nPlease reset Olivia Oyelaran 0412345"
    )
    assert ready_ids(parse(body)) == {"0461832"}


def test_dates_times_and_rooms_around_students(parse: Parse) -> None:
    body = (
        "On 09/08/2026 at 10:15 AM in room 214, Noah Fischer couldn't log in. "
        "His student # is 0461832. Could you reset him before 9/10? Period 3 starts at 8:05."
    )
    assert ready_ids(parse(body)) == {"0461832"}


def test_echoed_example_is_not_a_student(parse: Parse) -> None:
    body = (
        "Here they are in the format you asked for, e.g. Jane Doe 0123456:\n"
        "Noah Fischer 0461832\nPlease reset."
    )
    result = parse(body)
    assert [s.student_id for s in result.students] == ["0461832"]


def test_teacher_signing_with_a_student_name_is_not_a_student(parse: Parse) -> None:
    result = parse(
        "Please reset Noah Fischer 0461832\nThanks\nSam Lee", requester="sam.lee@pinecrest.example"
    )
    assert [s.student_id for s in result.students] == ["0461832"]
    assert not result.needs_review


# -- nasty shapes ---------------------------------------------------------------------------
def test_names_starting_with_o_next_to_o_for_zero(parse: Parse) -> None:
    result = parse("pls reset\nOlivia Oyelaran O412345\nOscar Olsen O552617")
    assert ready_ids(result) == {"0412345", "0552617"}


def test_html_table_from_outlook(parse: Parse) -> None:
    body = (
        '<div class="WordSection1"><p class="MsoNormal">Please reset these students:<o:p></o:p></p>'
        "<table class=MsoTableGrid><tr><td><p class=MsoNormal>Student ID</p></td>"
        "<td><p class=MsoNormal>Last Name</p></td><td><p class=MsoNormal>First Name</p></td></tr>"
        "<tr><td>461832</td><td>Fischer</td><td>Noah</td></tr>"
        "<tr><td>O412345</td><td>Oyelaran</td><td>Olivia</td></tr></table>"
        '<p class="MsoNormal">Thanks,<o:p></o:p></p><p class="MsoNormal">Rita</p></div>'
    )
    result = parse(body, html=True)
    assert ready_ids(result) == {"0461832", "0412345"}


def test_gmail_quote_is_dropped(parse: Parse) -> None:
    body = (
        '<div dir="ltr">Please reset Noah Fischer 0461832<br></div><br>'
        '<div class="gmail_quote"><div class="gmail_attr">On Mon, Rita wrote:</div>'
        '<blockquote class="gmail_quote">Please reset Olivia Oyelaran 0412345</blockquote></div>'
    )
    assert ready_ids(parse(body, html=True)) == {"0461832"}


def test_several_students_on_one_line(parse: Parse) -> None:
    result = parse("Please reset: Noah Fischer 0461832; Olivia Oyelaran 0412345, Sam Lee 0456789")
    assert ready_ids(result) == {"0461832", "0412345", "0456789"}


def test_id_first_lines(parse: Parse) -> None:
    result = parse("Please reset:\n0461832 - Fischer, Noah\n0412345 Olivia Oyelaran")
    assert ready_ids(result) == {"0461832", "0412345"}


def test_english_word_names(parse: Parse) -> None:
    result = parse(
        "Please reset:\nWill Hunter 0529384\nMay Summers 0530495",
        requester="dana.fox@pinecrest.example",
    )
    assert ready_ids(result) == {"0529384", "0530495"}


def test_negated_student_is_not_reset(parse: Parse) -> None:
    body = "Please reset Noah Fischer 0461832. Don't reset Sam Lee 0456789, he remembered."
    result = parse(body)
    assert _id_outcomes(result) == [
        ("0461832", "ready", []),
        ("0456789", "review", ["not_requested"]),
    ]


def test_huge_body_is_bounded(parse: Parse) -> None:
    body = "Please reset " + "a" * 300_000 + " 0461832"
    result = parse(body)
    assert ready_ids(result) == set()


@pytest.mark.parametrize(
    "body",
    [
        "Please reset NoahFischer0461832",
        "Please reset:\nID: 0461832 Name: Noah Fischer",
        "Please reset:\nStudent #\tPupil\n0461832\tNoah Fischer",
        "Please reset Noah Fischer (noah.f@kids.pinecrest.example) 0461832",
        "Please reset:\nNoah Fischer\n0461832",
        "Please reset Noah Fischer - 5th grade - 0461832",
        "Please reset Noah Fischer (absent Monday) 0461832.",
        "please reset\n1. 0461832 Fischer, Noah",
        'Reset please:\n"Student Name","Student ID"\n"Fischer, Noah","0461832"',
    ],
)
def test_more_layouts_a_teacher_uses(parse: Parse, body: str) -> None:
    assert ready_ids(parse(body)) == {"0461832"}


@pytest.mark.parametrize(
    "body",
    [
        "Can you reset Noah Fischer's Google password? 0461832",
        "Did Noah Fischer 0461832 get reset yesterday?",
        "Please ignore my earlier ticket about Noah Fischer 0461832, he remembered.",
    ],
)
def test_other_systems_status_checks_and_cancellations_are_not_resets(
    parse: Parse, body: str
) -> None:
    result = parse(body)
    assert not result.reset_request and ready_ids(result) == set()


def test_requester_written_with_a_display_name(parse: Parse) -> None:
    result = parse(
        "Please reset Noah Fischer 0461832", requester="Rita Gomez <Rita.Gomez@pinecrest.example>"
    )
    assert ready_ids(result) == {"0461832"}


@pytest.mark.parametrize("written", ["\u041e461832", "\u0660\u0664\u0666\u0661\u0668\u0663\u0662"])
def test_other_scripts_in_an_id_are_never_read_as_digits(parse: Parse, written: str) -> None:
    (entry,) = parse(f"Please reset Noah Fischer {written}").students
    assert entry.status == "review" and entry.student_id is None
    assert [s.student_id for s in entry.suggestions] == ["0461832"]


def test_a_second_possible_id_for_one_student_sends_both_to_review(parse: Parse) -> None:
    result = parse("Please reset Noah Fischer 0461832 or maybe 0461823")
    assert result.needs_review
    assert _id_outcomes(result) == [
        ("0461832", "review", ["ids_conflict"]),
        ("0461823", "review", ["id_not_in_roster", "ids_conflict"]),
    ]


def test_one_student_written_with_two_ids_is_not_reset(parse: Parse) -> None:
    result = parse("Noah Fischer (0461832) can't get in, please reset.\nNoah Fischer 0461823")
    assert _id_outcomes(result) == [
        ("0461832", "review", ["ids_conflict"]),
        ("0461823", "review", ["id_not_in_roster", "ids_conflict"]),
    ]


def _id_outcomes(result: ParseResult) -> list[tuple[str | None, str, list[str]]]:
    """Every student entry in order: roster ID, status, reason codes."""
    return [
        (s.student_id, s.status, sorted(c.value for c in s.reason_codes)) for s in result.students
    ]


def test_names_listed_before_their_ids_are_paired_in_order(parse: Parse) -> None:
    result = parse("Please reset Olivia Oyelaran and Noah Fischer, 0412345 and 0461832.")
    assert ready_ids(result) == {"0412345", "0461832"}


@pytest.mark.parametrize(
    "body",
    [
        "Next batch:\nNoah Fischer 0461832\nOlivia Oyelaran 0412345",
        "One more -- Noah Fischer 0461832, sorry I forgot him earlier.",
        "Corrected IDs:\nNoah Fischer - 0461832",
    ],
)
def test_a_bare_list_of_students_is_a_reset_request(parse: Parse, body: str) -> None:
    assert ready_ids(parse(body)) >= {"0461832"}


@pytest.mark.parametrize(
    "body",
    [
        "We have a new student, can you create an account for Noah Fischer 0461832?",
        "FYI Noah Fischer 0461832 moved to Ridgeview.",
        "Reset attendance for Noah Fischer 0461832 on 11/9, marked absent in error.",
    ],
)
def test_a_list_with_another_purpose_is_not(parse: Parse, body: str) -> None:
    assert not parse(body).reset_request


@pytest.mark.parametrize(
    ("written", "ready"),
    [
        ("D'Andre St. Clair 0541506", True),
        ("D'Andre St Clair 0541506", False),  # rule 4 does not forgive a missing period
        ("Noah (Nono) Fischer 0461832", True),
        # A suffix the SIS does not have is part of what was written: rule 4 does not
        # ignore it, so the name does not match (review).
        ("Noah Fischer Jr 0461832", False),
        ("Noah Fischer Perm ID 0461832", True),
        ("Noah Fischer lunch number 0461832", True),
    ],
)
def test_name_and_label_details(parse: Parse, written: str, ready: bool) -> None:
    result = parse(f"Please reset:\n{written}", requester="dana.fox@pinecrest.example")
    assert bool(ready_ids(result)) is ready
