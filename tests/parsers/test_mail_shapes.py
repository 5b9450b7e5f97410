"""How real mail carries a request: forwards, chat pastes, forms, signatures, odd keys.

Each test is one principle, on tickets written for it (not taken from any corpus).
"""

from __future__ import annotations

import pytest

from parsers import ParseResult, Reason

from .conftest import Parse, ready_ids

Entry = tuple[str, str, str | None, str | None, str, list[str]]


def entries(result: ParseResult) -> list[Entry]:
    """Every student entry in order: names, written ID, roster ID, status, reason codes."""
    return [
        (
            s.first_name,
            s.last_name,
            s.written_id,
            s.student_id,
            s.status,
            sorted(c.value for c in s.reason_codes),
        )
        for s in result.students
    ]


FORWARD_HEADER = (
    "---------- Forwarded message ---------\n"
    "From: Kim Arden <kim.aide@pinecrest.example>\n"
    "Date: Tue, Oct 6, 2026 at 7:48 AM\n"
    "Subject: portal\n"
    "To: Rita Gomez <rita.gomez@pinecrest.example>\n\n"
)


# -- forwarded mail ------------------------------------------------------------------------
def test_a_forward_is_read_when_the_requesters_own_words_name_nobody(parse: Parse) -> None:
    result = parse(
        "Can you do these? Thanks.\nRita\n\n"
        + FORWARD_HEADER
        + "Hi Rita, the two below forgot their challenge questions.\n"
        "Noah Fischer 0461832\nSam Lee 0456789\n\nThanks!\nKim"
    )
    assert result.reset_request and ready_ids(result) == {"0461832", "0456789"}


def test_a_gmail_html_forward_is_read_too(parse: Parse) -> None:
    body = (
        '<div dir="ltr">Forwarding for Kim - can you reset these please?<br><br>'
        '<div class="gmail_quote"><div dir="ltr" class="gmail_attr">'
        "---------- Forwarded message ---------<br>From: Kim Arden &lt;kim.aide@pinecrest"
        ".example&gt;<br>Date: Wed, Sep 23, 2026<br>Subject: portal<br>To: Rita<br></div><br>"
        '<div dir="ltr">They forgot their challenge questions.<div>Noah Fischer 0461832</div>'
        "</div></div></div>"
    )
    assert ready_ids(parse(body, html=True)) == {"0461832"}


def test_a_forward_under_the_requesters_own_list_is_not_read(parse: Parse) -> None:
    # The forward may repeat or contradict the list; the requester's own list decides.
    result = parse(
        "Please reset Noah Fischer 0461832.\n\n"
        + FORWARD_HEADER
        + "Can you also get Sam Lee 0456789 done?"
    )
    assert ready_ids(result) == {"0461832"} and len(result.students) == 1


def test_a_forward_with_nothing_of_the_requesters_own_is_not_a_request(parse: Parse) -> None:
    result = parse(FORWARD_HEADER + "Please reset Noah Fischer 0461832, he forgot his questions.")
    assert not result.reset_request


def test_a_quoted_reply_is_still_never_read(parse: Parse) -> None:
    result = parse(
        "These two still can't get in - please reset them again.\n\n"
        "On Tue, Oct 6, 2026 at 3:40 PM Help Desk <help@pinecrest.example> wrote:\n"
        "> We reset Noah Fischer 0461832 and Sam Lee 0456789.\n"
    )
    assert result.reset_request and result.needs_review and result.students == []


# -- wording -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body",
    [
        "hey can you reset the portal for two of mine? challenge q's again\n"
        "Noah Fischer 0461832\nSam Lee 0456789",
        "Portal reset for 2 of mine please: Noah Fischer 0461832, Sam Lee 0456789. Rita",
        "Before I clear out my room for the summer, can you reset Noah Fischer 0461832 and "
        "Sam Lee 0456789?",
        "Resets collected on my visits this week (first, last, ID):\n"
        "Noah\tFischer\t0461832\nSam\tLee\t0456789\nAll forgot challenge questions.",
    ],
)
def test_requests_worded_around_the_requesters_own_things(parse: Parse, body: str) -> None:
    assert ready_ids(parse(body)) == {"0461832", "0456789"}


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "List of resets?",
            "Can you send me a list of which of my students' accounts were reset last week?",
        ),
        (
            "Unclaimed accounts report?",
            "Is there a report that shows which students haven't claimed their account yet?",
        ),
    ],
)
def test_asking_what_happened_is_not_a_request(parse: Parse, subject: str, body: str) -> None:
    assert not parse(body, subject=subject).reset_request


# -- numbers that are not IDs --------------------------------------------------------------
def test_phone_numbers_in_any_grouping_and_employee_numbers_are_not_ids(parse: Parse) -> None:
    result = parse(
        "Please reset Noah Fischer 0461832.\n\nRita Gomez\nP: 555-014-9921 | F: 555.014.9930\n"
        "Contact: Rita Gomez, 555-014-1000 ext. 1044\nEmployee No. 913870"
    )
    assert [s.student_id for s in result.students] == ["0461832"]
    assert not result.needs_review


# -- names ---------------------------------------------------------------------------------
@pytest.mark.parametrize("mark", ["\u2018", "`", "\u2032"])
def test_an_apostrophe_typed_with_another_key_is_an_apostrophe(parse: Parse, mark: str) -> None:
    assert ready_ids(parse(f"Please reset:\nD{mark}Souza, Keanu 0585940")) == {"0585940"}


def test_markdown_emphasis_around_names_is_formatting(parse: Parse) -> None:
    result = parse("Please reset:\n* **Fischer, Noah** - 0461832\n* *Lee, Sam* - 0456789")
    assert ready_ids(result) == {"0461832", "0456789"}


def test_a_form_field_with_the_last_name_first(parse: Parse) -> None:
    body = "Please reset\n\nStudent 1\nName: Ly, Thi Ngoc Anh\nStudent ID: 0574839\nSchool: Elm"
    assert ready_ids(parse(body)) == {"0574839"}


def test_comma_separated_students_are_not_joined_into_one_name(parse: Parse) -> None:
    result = parse("Please reset Noah Fischer, Sam Lee - they forgot their challenge questions.")
    assert sorted(s.last_name for s in result.students) == ["Fischer", "Lee"]
    assert result.ready == []  # no IDs written


def test_an_id_joined_to_its_name_by_a_relative_clause(parse: Parse) -> None:
    result = parse(
        "Could you reset Noah Fischer (0461832) and Sam Lee, whose number is 0456789, and "
        "also Michael Brennan - he wrote his ID down for me as 467890 so the zero is missing."
    )
    assert ready_ids(result) == {"0461832", "0456789", "0467890"}


def test_a_family_name_that_is_also_a_pronoun(parse: Parse) -> None:
    assert ready_ids(parse("Portal resets please:\n1. Gao Nou Her - Student ID 0563728")) == {
        "0563728"
    }
    # "her ID" right before the number is still the pronoun, not a name.
    assert ready_ids(parse("Please reset Noah Fischer, her ID 0461832.")) == {"0461832"}
    assert ready_ids(parse("Please reset Noah Fischer his ID is 0461832.")) == {"0461832"}


def test_a_lone_first_name_after_reset_the_portal_for_goes_to_review(parse: Parse) -> None:
    result = parse(
        "Could you also reset the portal for Fadumo in my class? And Noah Fischer 0461832 "
        "forgot his questions too."
    )
    assert ready_ids(result) == {"0461832"}
    assert result.needs_review and any(s.first_name == "Fadumo" for s in result.review)


# -- students named but not asked for ------------------------------------------------------
def test_a_student_called_off_is_an_entry_in_review_never_ready(parse: Parse) -> None:
    result = parse(
        "Please reset Noah Fischer 0461832 and Michael Brennan 0467890.\n\n"
        "Actually never mind Michael - he remembered his answers."
    )
    assert ready_ids(result) == {"0461832"} and result.needs_review
    (michael,) = result.review
    assert michael.student_id == "0467890" and Reason.NOT_REQUESTED in michael.reason_codes


def test_remembering_part_of_a_number_calls_nobody_off(parse: Parse) -> None:
    result = parse(
        "Please reset Noah Fischer 0461832 and Michael Brennan 0467890. Michael only "
        "remembered the last five of his number, sorry, so check it."
    )
    assert ready_ids(result) == {"0461832", "0467890"}


def test_a_student_named_about_another_matter_is_never_ready(parse: Parse) -> None:
    result = parse(
        "Noah's Chromebook screen is cracked (Noah Fischer 0461832, asset tag 2211873) - can "
        "someone swap it this week?\n\n"
        "Also, unrelated: Michael Brennan 0467890 needs his portal challenge questions reset."
    )
    assert ready_ids(result) == {"0467890"}
    (noah,) = result.review
    assert noah.student_id == "0461832" and "another matter" in " ".join(noah.reasons)


def test_a_list_with_a_device_column_is_still_a_list(parse: Parse) -> None:
    result = parse(
        "Need challenge questions reset:\n\nName\tStudent #\tChromebook\n"
        "Noah Fischer\t0461832\tCB-114\nMichael Brennan\t0467890\tCB-120"
    )
    assert ready_ids(result) == {"0461832", "0467890"}


@pytest.mark.parametrize(
    "body",
    [
        "Just checking whether last week's resets went through - Noah Fischer 0461832 says "
        "he's in now, so I think yes. No need to do anything!",
        "Thank you!! Noah Fischer 0461832 and Michael Brennan 0467890 are back in.",
        "I forgot my password for the district portal and now I am locked out. Can you "
        "unlock me? My employee number is 898201.",
    ],
)
def test_reports_thanks_and_the_requesters_own_lockout_are_not_requests(
    parse: Parse, body: str
) -> None:
    assert not parse(body).reset_request


@pytest.mark.parametrize(
    "body",
    [
        "Buenos días, por favor restablezcan las preguntas de seguridad del portal de estos "
        "alumnos:\nNoah Fischer 0461832",
        "These two need their portal accounts wiped so they can claim again:\n"
        "Noah Fischer 0461832\nMichael Brennan 0467890",
    ],
)
def test_more_ways_to_ask(parse: Parse, body: str) -> None:
    result = parse(body)
    expected = [("Noah", "Fischer", "0461832", "0461832", "ready", [])]
    if "Michael Brennan" in body:
        expected.append(("Michael", "Brennan", "0467890", "0467890", "ready", []))
    assert result.reset_request and not result.needs_review
    assert entries(result) == expected


def test_resets_needed_for_an_attachment_go_to_a_person(parse: Parse) -> None:
    result = parse("Resets needed for the students on the attached spreadsheet. Thanks!")
    assert result.reset_request and result.needs_review and result.students == []


# -- IDs and numbers -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("spoken", "corrections"),
    [("0 4 6 1 8 3 2", []), ("O 4 6 1 8 3 2", ["letter_o_as_zero"])],
)
def test_an_id_read_out_digit_by_digit(parse: Parse, spoken: str, corrections: list[str]) -> None:
    result = parse(
        f"Hello it's Rita period please reset the portal for Noah Fischer period his ID is "
        f"{spoken} period thank you"
    )
    assert ready_ids(result) == {"0461832"}
    assert result.ready[0].corrections == corrections


def test_eight_digits_read_out_are_not_an_id(parse: Parse) -> None:
    result = parse("Please reset Noah Fischer, his number is 0 4 6 1 8 3 2 2.")
    # Noah is kept (for a technician), not dropped, and the eight digits are no ID of his.
    assert entries(result) == [("Noah", "Fischer", None, None, "review", ["id_missing"])]
    assert result.reset_request and result.needs_review


def test_ticket_model_and_statute_numbers_are_not_ids(parse: Parse) -> None:
    result = parse(
        "Ticket #: 20931\nAdding to INC0041873 - the projector (model PJ-4500) is fine now, "
        "but please reset Noah Fischer 0461832.\n\nThanks,\nRita Gomez\n\n"
        "CONFIDENTIALITY NOTICE: this e-mail may contain student information protected by "
        "20 U.S.C. 1232g and A.R.S. 15-141. If you are not the intended recipient, please "
        "contact the sender and destroy all copies.",
        subject="RE: [#48871] Portal reset",
    )
    assert [s.student_id for s in result.students] == ["0461832"]
    assert not result.needs_review


def test_an_example_echoed_from_the_help_page_is_not_a_student(parse: Parse) -> None:
    result = parse(
        'The help page says to list them like "Jane Doe 0200001" so here goes:\n'
        "Noah Fischer 0461832\nPlease reset their challenge questions."
    )
    assert [s.student_id for s in result.students] == ["0461832"]


# -- layouts -------------------------------------------------------------------------------
def test_first_and_last_name_fields_on_their_own_lines(parse: Parse) -> None:
    result = parse(
        "Please reset these students' portal accounts.\n\nFirst: Noah\nLast: Fischer\n"
        "ID: 0461832\n\nLast name: Brennan\nFirst name: Michael\nID: 0467890"
    )
    assert ready_ids(result) == {"0461832", "0467890"}


def test_a_school_or_a_program_between_the_name_and_the_id(parse: Parse) -> None:
    assert ready_ids(parse("Could you please reset:\nNoah Fischer, Elm Street, 0461832")) == {
        "0461832"
    }
    table = "Please reset:\n\nProgram\tStudent\tID\nCarpentry\tNoah Fischer\t0461832"
    assert ready_ids(parse(table)) == {"0461832"}


def test_a_reply_written_under_the_quote_goes_to_a_person(parse: Parse) -> None:
    result = parse(
        "On Mon, Sep 28, 2026 at 8:03 AM Help Desk <help@pinecrest.example> wrote:\n"
        "> Which students need the reset?\n\nNoah Fischer 0461832\n",
        subject="RE: portal resets",
    )
    assert result.reset_request and result.needs_review and result.students == []


def test_a_student_named_through_a_parent(parse: Parse) -> None:
    result = parse(
        "Noah Fischer's mom called (978-555-0143) - Noah can't remember his challenge "
        "questions. His ID is 0461832. Can you reset his portal account?"
    )
    assert ready_ids(result) == {"0461832"}


def test_a_forwarded_question_passed_on_to_us(parse: Parse) -> None:
    result = parse(
        "Can Tech take care of this? Thx. -RG\n\n"
        + FORWARD_HEADER
        + "Rita, who do I ask to reset these two? They forgot their challenge questions.\n"
        "Noah Fischer 0461832\nMichael Brennan 0467890\n\nKim"
    )
    assert ready_ids(result) == {"0461832", "0467890"}


def test_the_only_student_named_about_another_matter_is_never_ready(parse: Parse) -> None:
    result = parse(
        "Noah's Chromebook is cracked (Noah Fischer 0461832) - can someone swap it?\n\n"
        "Also, can you reset the challenge questions for my whole 2nd period?"
    )
    assert result.reset_request and result.needs_review and ready_ids(result) == set()


def test_a_lower_case_line_with_the_letter_o_in_the_id(parse: Parse) -> None:
    result = parse("reset challenge q's for\nnoah fischer O461832\nmichael brennan 046789O")
    assert ready_ids(result) == {"0461832", "0467890"}


def test_names_that_are_words_listed_before_their_ids(parse: Parse) -> None:
    result = parse(
        "Please reset May Summers and Will Hunter - their IDs are 0530495 and 0529384, in "
        "that order.",
        requester="dana.fox@pinecrest.example",
    )
    assert ready_ids(result) == {"0530495", "0529384"}


def test_one_id_written_for_two_students(parse: Parse) -> None:
    result = parse("Reset pls: Michael Brennan 0461832; Noah Fischer 0461832\n(same number?)")
    assert ready_ids(result) == {"0461832"}
    (michael,) = result.review
    assert michael.last_name == "Brennan" and michael.written_id == "0461832"
    assert michael.student_id is None  # one entry per student: 0461832 is Noah's
    assert "0467890" in {s.student_id for s in michael.suggestions}


def test_one_id_with_a_misspelt_second_name_stays_in_doubt(parse: Parse) -> None:
    # "Noah Fisher" is nobody else's name: the ticket is unsure, so nobody is ready.
    result = parse("Reset pls: Noah Fischer 0461832\nNoah Fisher 0461832")
    # One entry per student: both lines are Noah's, in doubt together.
    assert entries(result) == [
        ("Noah", "Fischer", "0461832", "0461832", "review", ["names_conflict"])
    ]


def test_a_state_id_column_beside_the_student_id(parse: Parse) -> None:
    result = parse(
        "Please reset these:\n\nFirst\tLast\tLocal ID\tSASID\n"
        "Noah\tFischer\t0461832\t1047730218\nMichael\tBrennan\t0467890\t1047731954"
    )
    assert ready_ids(result) == {"0461832", "0467890"} and not result.needs_review
    # Without a student ID on its line, a long number is still a student's (review).
    assert parse("Please reset Noah Fischer 10477302").needs_review


def test_st_keeps_its_period_in_lower_case(parse: Parse) -> None:
    ready = ready_ids(
        parse("reset pls: d'andre st. clair 0541506", requester="dana.fox@pinecrest.example")
    )
    assert ready == {"0541506"}
    missing = parse("reset pls: d'andre st clair 0541506", requester="dana.fox@pinecrest.example")
    # rule 4 does not forgive the missing period
    assert entries(missing) == [
        ("d'andre st", "clair", "0541506", "0541506", "review", ["name_mismatch"])
    ]


# -- corpus 7 ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body",
    [
        "If a kid forgets their challenge questions can I reset them myself from the teacher "
        "dashboard or does it always have to be a ticket? asking for next time",
        "Could you send me a report of which of my students haven't claimed their portal "
        "accounts yet? I'd rather walk them through it than have them all put in reset "
        "requests later.",
    ],
)
def test_questions_about_resets_are_not_requests(parse: Parse, body: str) -> None:
    assert not parse(body, subject="report - unclaimed portal accounts").reset_request


def test_a_forwarded_phish_about_password_resets_is_not_a_request(parse: Parse) -> None:
    result = parse(
        "FYI - several teachers got this phishing message today. Please block the sender.\n\n"
        "-----Original Message-----\nFrom: IT Support <it@pinecrest-portal.example>\n"
        "Sent: Tuesday, September 29, 2026 9:12 AM\n"
        "Subject: Your password will be reset in 24 hours\n\n"
        "Your password will be reset in 24 hours. Confirm your challenge questions here.",
        subject="FW: Your password will be reset in 24 hours",
    )
    assert not result.reset_request


def test_names_with_particles_words_and_a_label_surname(parse: Parse) -> None:
    result = parse(
        "hi so my athletes tried to claim there accounts today and they dont remember the "
        "challenge questions so can you reset them its Bilal el-Amin 0596051 and Major Bell "
        "0508273 and Nguyen Thao My 0507162 ok thanks\n"
        "Rita Gomez, Counselor, 504\u2013555\u20130166"
    )
    assert ready_ids(result) == {"0596051", "0508273", "0507162"}
    assert not result.needs_review  # the phone number with en dashes is not an ID


# -- corpus 8 ------------------------------------------------------------------------------
def test_initials_written_together_keep_their_periods(parse: Parse) -> None:
    result = parse("Two for you: A.J. Kowalski 0519384 and AJ Kowalski 0519384 - thanks!")
    # "AJ" is not "A.J." (rule 4 keeps periods): the student's two lines disagree.
    assert entries(result) == [
        ("A.J.", "Kowalski", "0519384", "0519384", "review", ["names_conflict"])
    ]
    assert ready_ids(parse("Two for you: A.J. Kowalski 0519384 - thanks!")) == {"0519384"}


def test_the_requester_signing_with_an_initial_is_not_a_student(parse: Parse) -> None:
    result = parse("Please reset portal security questions: Fischer, Noah - 0461832.\nRita G.")
    assert [s.student_id for s in result.students] == ["0461832"] and not result.needs_review


@pytest.mark.parametrize(
    ("body", "asks"),
    [
        ("Can you reset the portal security questions for my whole 4th hour? Thanks!", True),
        (
            "Several teachers asked whether there is a way for them to reset a student's "
            "challenge questions themselves. Could you send me the steps?",
            False,
        ),
        (
            "Thank you so much - Noah Fischer (0461832) got in this morning after your reset!!",
            False,
        ),
    ],
)
def test_whole_classes_self_service_and_thanks(parse: Parse, body: str, asks: bool) -> None:
    result = parse(body)
    assert result.reset_request is asks
    assert ready_ids(result) == set()


def test_form_timestamps_asset_tags_and_perm_ids(parse: Parse) -> None:
    result = parse(
        "Submitted\t20260916 0814\nDetails\tPlease reset the challenge questions for Noah "
        "Fischer, Perm ID 0461832.\nThe cart (tags LP-CB-1180 through LP-CB-1210) is fine."
    )
    assert [s.student_id for s in result.students] == ["0461832"]
    assert not result.needs_review


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("absent", "Also absent today: Noah Fischer 0461832, Michael Brennan 0467890"),
        ("FYI", "Here are the new students, they start Monday: Noah Fischer 0461832"),
        ("", "Two more need chargers: Noah Fischer 0461832, Michael Brennan 0467890"),
    ],
)
def test_a_list_that_says_what_else_it_is_for_is_not_a_reset_list(
    parse: Parse, subject: str, body: str
) -> None:
    assert not parse(body, subject=subject).reset_request


def test_a_list_sent_with_only_a_cue_is_a_reset_list(parse: Parse) -> None:
    result = parse("Two more for you: Noah Fischer 0461832 and Michael Brennan 0467890 - thanks!")
    assert ready_ids(result) == {"0461832", "0467890"}


# -- corpus 10 -----------------------------------------------------------------------------
def test_asking_whether_a_reset_was_done_is_not_a_request(parse: Parse) -> None:
    result = parse(
        "Could you tell me whether the portal reset I requested on Monday for Noah Fischer "
        "(0461832) has been completed? I want to send him to claim it again."
    )
    assert not result.reset_request


def test_a_shared_panel_password_is_not_a_student_account(parse: Parse) -> None:
    result = parse("Please reset the password on the shared SMART panel login for room 3104.")
    assert not result.reset_request


def test_other_systems_ids_on_the_student_lines(parse: Parse) -> None:
    result = parse(
        "PowerSchool shows these two - please reset their portal challenge questions:\n\n"
        "Noah Fischer  ID 0461832  (DCID 100248817)  lunch PIN 1832\n"
        "Michael Brennan  ID 0467890  (DCID 100251190)  lunch PIN 7890"
    )
    assert ready_ids(result) == {"0461832", "0467890"} and not result.needs_review


# -- corpus 9 ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "asks", "ready"),
    [
        (
            "Hi, checking on the reset I sent Monday for Noah Fischer 0461832 - has it been "
            "done yet?",
            False,
            set(),
        ),
        (
            "Hola, ¿pueden volver a resetear a los mismos alumnos de la semana pasada? "
            "Todavía no pueden entrar al portal.",
            True,
            set(),
        ),
        (
            "Porfa resetear el portal de Noah Fischer O461 832 y Michael Brennan 0467890, no "
            "se acuerdan de las preguntas",
            True,
            {"0461832", "0467890"},
        ),
        (
            "Buenas tardes, favor de desbloquear la cuenta del portal de mi alumno Noah "
            "Fischer 0461832. Olvidó sus preguntas de seguridad.",
            True,
            {"0461832"},
        ),
        (
            "¿Me pueden resetear las preguntas de seguridad de estos alumnos?\n\n"
            "Noah Fischer  Núm. 0461832\nmICHAEL bRENNAN  Núm. 0467890",
            True,
            {"0461832", "0467890"},
        ),
    ],
)
def test_spanish_and_status_questions(parse: Parse, body: str, asks: bool, ready: set[str]) -> None:
    result = parse(body)
    assert result.reset_request is asks and ready_ids(result) == ready


@pytest.mark.parametrize(
    ("body", "asks"),
    [
        (
            "Noah Fischer in my class forgot his challenge questions and can't log into the "
            "portal. Can you please reset it?",
            True,
        ),
        ("My account got locked after too many attempts, can you unlock it?", False),
        ("Noah's school iPad is locked (he forgot the passcode). Can it be reset?", False),
    ],
)
def test_what_it_stands_for(parse: Parse, body: str, asks: bool) -> None:
    assert parse(body).reset_request is asks


def test_a_teacher_cell_between_the_student_and_the_id(parse: Parse) -> None:
    result = parse(
        "Mr. Ng stopped by - these need their portal challenge questions reset. I put the "
        "teacher next to each one.\n\nNoah Fischer — Gr 5 — Gomez — 0461832\n"
        "Michael Brennan — Gr 5 — Gomez — 0467890"
    )
    assert ready_ids(result) == {"0461832", "0467890"}
    assert len(result.students) == 2 and not result.needs_review


def test_names_then_ids_respectively(parse: Parse) -> None:
    result = parse(
        "Will Hunter will need a reset too, and so will May Summers - IDs 0529384 and 0530495 "
        "respectively. Both forgot their challenge answers.",
        requester="dana.fox@pinecrest.example",
    )
    assert ready_ids(result) == {"0529384", "0530495"}
    swapped = parse(
        "Will Hunter will need a reset too, and so will May Summers - IDs 0530495 and 0529384 "
        "respectively.",
        requester="dana.fox@pinecrest.example",
    )
    # In the order written, each name meets the other's ID.
    assert entries(swapped) == [
        ("Will", "Hunter", "0530495", "0530495", "review", ["name_mismatch"]),
        ("May", "Summers", "0529384", "0529384", "review", ["name_mismatch"]),
    ]


# -- corpus 11 -----------------------------------------------------------------------------
def test_a_reset_that_worked_is_not_a_request(parse: Parse) -> None:
    body = (
        "Just FYI, Noah Fischer 0461832 said the password reset worked once I showed him the "
        "Forgot Password link. Nothing needed from you!"
    )
    assert not parse(body).reset_request


def test_calling_some_off_and_asking_for_another(parse: Parse) -> None:
    result = parse(
        "Never mind the first two, they got in after all. Just Noah please: Noah Fischer 0461832.",
        subject="RE: reset",
    )
    assert ready_ids(result) == {"0461832"}


def test_a_lower_case_name_in_a_line_with_capitals(parse: Parse) -> None:
    result = parse("Please reset challenge questions for noah fischer, student id 0461832. Thanks")
    assert ready_ids(result) == {"0461832"}


# -- corpus 12 -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body",
    [
        "Cart 3: two units won't charge. Noah Fischer 0461832 had his die in a test. Their "
        "passwords work fine, it's the hardware.\n\nNo password reset needed, just the chargers.",
        "FYI for portal day, these students will need help claiming (new arrivals):\n"
        "Noah Fischer 0461832\nMichael Brennan 0467890\nNo resets, they haven't claimed yet.",
    ],
)
def test_no_reset_said_anywhere_calls_it_off(parse: Parse, body: str) -> None:
    result = parse(body)
    assert not result.reset_request and ready_ids(result) == set()


def test_same_kids_as_last_time_goes_to_a_person(parse: Parse) -> None:
    result = parse(
        "Same kids as last time please - they forgot again.", subject="Re: [SR-77891] resets"
    )
    assert result.reset_request and result.needs_review and result.students == []


def test_a_corrected_list_over_a_long_signature(parse: Parse) -> None:
    result = parse(
        "Corrected list below (Noah's ID was wrong on my first email):\n\n"
        "Noah Fischer 0461832\nMichael Brennan 0467890\n\nRita Gomez\nFifth Grade\n"
        "Elm Street Elementary School\n1 Academy Way, Rm 2-117\nTel (860) 555-0288",
        subject="Re: [SR-78010] More info needed",
    )
    assert ready_ids(result) == {"0461832", "0467890"}
