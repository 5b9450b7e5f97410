"""Rule 1 established positively: no reset without a request, in every language the lexicon knows.

Each test is one principle, tried on new tickets in several phrasings and languages (written
for these tests, not taken from any corpus).
"""

from __future__ import annotations

import re

import pytest

from parsers import Reason, lexicon

from .conftest import Parse, ready_ids

# -- a negation that names no student calls the whole ticket off ---------------------------


@pytest.mark.parametrize(
    "body",
    [
        # English: a question about an error, and in so many words: no reset yet.
        'Noah Fischer 0461832 and Sam Lee 0456789 get "Authentication Failed". What does that '
        "error mean? Please don't reset anything yet, I want to understand it first.",
        # Spanish: a new student's account to create; no reset is needed.
        "Hola, necesito crear una cuenta para una estudiante nueva, Noor Haddad 0412354. "
        "No necesita restablecer nada, es nueva.",
        # Portuguese: the same, in Portuguese.
        "Por favor criar uma conta para o aluno Noah Fischer 0461832. Não precisa resetar a senha.",
        # Spanish: what a message means; no hace falta restablecer.
        '¿Qué significa el mensaje "Authentication Failed"? Lo ve Sam Lee 0456789. '
        "No hace falta restablecer la cuenta todavía.",
        # English: accounts to create, and "no reset needed" at the end.
        "My new students need accounts, can you create them? Sam Lee 0456789, "
        "Noah Fischer 0461832. No reset needed.",
        # Mixed: an English question, a Portuguese "don't reset".
        "Quick question: what does the 'claim pending' message mean for Noah Fischer 0461832? "
        "Não resetem por enquanto, obrigada.",
    ],
)
def test_no_reset_wanted_and_another_request_is_not_a_reset_request(
    parse: Parse, body: str
) -> None:
    result = parse(body, subject="Question")
    assert not result.reset_request
    assert result.students == []


@pytest.mark.parametrize(
    "body",
    [
        "Please reset Noah Fischer 0461832. Actually, hold off, don't reset anything yet "
        "until I talk to him.",
        "Por favor restablezcan a Noah Fischer 0461832 y Sam Lee 0456789. "
        "Perdón, no hace falta restablecer todavía, mañana les confirmo.",
        "Podem resetar Noor Haddad 0412354, por favor? Na verdade não precisa resetar ainda.",
    ],
)
def test_a_request_and_a_no_reset_is_review_never_ready(parse: Parse, body: str) -> None:
    result = parse(body, subject="Reset")
    assert ready_ids(result) == set()
    # Not sure which it means: the students are entries in review with the rule's reason.
    assert result.needs_review
    assert result.students
    for s in result.students:
        assert s.status == "review"
        assert Reason.NOT_REQUESTED in s.reason_codes
        assert any("rule 1" in r for r in s.reasons)


def test_a_negation_about_one_student_calls_off_only_that_student(parse: Parse) -> None:
    result = parse(
        "Please reset Sam Lee 0456789 and Noah Fischer 0461832. "
        "Noah Fischer doesn't need a reset, he got in."
    )
    assert result.reset_request
    assert ready_ids(result) == {"0456789"}
    assert {s.student_id: s.status for s in result.students}["0461832"] == "review"


# -- a different request is not a reset request ---------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "No puedo entrar a mi cuenta, ¿pueden restablecer mi contraseña? Gracias",
        "Podem redefinir minha senha? Não consigo entrar no portal.",
        "Can you reset my password? I'm locked out of my own account.",
    ],
)
def test_the_teachers_own_password_is_not_a_student_reset(parse: Parse, body: str) -> None:
    result = parse(body)
    assert not result.reset_request


@pytest.mark.parametrize(
    "body",
    [
        "Please reset Sam Lee 0456789, he forgot his questions. Also, can you create an "
        "account for our new student Noah Fischer 0461832? He starts Monday.",
        "Por favor restablezcan las preguntas de Sam Lee 0456789.\n\n"
        "Y otra cosa: necesito crear una cuenta para Noah Fischer 0461832, es nuevo.",
        "Podem resetar a senha de Sam Lee 0456789?\n\n"
        "Também preciso criar uma conta para a aluna nova Noor Haddad 0412354.",
    ],
)
def test_a_student_named_only_for_another_request_is_review(parse: Parse, body: str) -> None:
    result = parse(body, subject="Two things")
    assert result.reset_request
    assert ready_ids(result) == {"0456789"}
    others = [s for s in result.students if s.student_id != "0456789"]
    assert len(others) == 1
    assert others[0].status == "review"
    assert result.needs_review


# -- requests in Spanish, Portuguese and mixed language are recognised ---------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Hola, por favor restablezcan las preguntas de seguridad de Noah Fischer 0461832 "
            "y Sam Lee 0456789. Gracias",
            {"0461832", "0456789"},
        ),
        (
            "Mi alumno Noah Fischer 0461832 olvidó sus preguntas de seguridad, "
            "¿pueden desbloquear su cuenta?",
            {"0461832"},
        ),
        (
            "Olá, podem resetar as perguntas de segurança da aluna Noor Haddad 0412354? "
            "Ela esqueceu. Obrigada",
            {"0412354"},
        ),
        (
            "Bom dia! Os alunos abaixo esqueceram as perguntas de segurança, por favor "
            "redefinir:\nNoah Fischer 0461832\nNoor Haddad 0412354\nObrigada",
            {"0461832", "0412354"},
        ),
        (
            "Hi, please reset these students / por favor restablecer: Sam Lee 0456789, "
            "Noor Haddad 0412354",
            {"0456789", "0412354"},
        ),
    ],
)
def test_requests_in_spanish_portuguese_and_mixed(
    parse: Parse, body: str, expected: set[str]
) -> None:
    result = parse(body, subject="Portal")
    assert result.reset_request
    assert ready_ids(result) == expected


# -- the lexicon itself ---------------------------------------------------------------------

_ENTRIES = [
    *lexicon.RESET_VERBS,
    *lexicon.STUDENT_OBJECTS,
    *lexicon.ADDRESSED,
    *lexicon.NO_RESET_WANTED,
    *lexicon.OTHER_REQUESTS,
    *lexicon.OWN_ACCOUNT,
]


@pytest.mark.parametrize("term", _ENTRIES, ids=lambda t: t.reason[:40])
def test_every_lexicon_entry_has_a_reason_and_compiles(term: lexicon.Term) -> None:
    assert len(term.reason) > 5
    assert term.lang
    re.compile(term.pattern)


def test_the_lexicon_covers_spanish_and_portuguese_for_each_safety_class() -> None:
    for terms in (lexicon.RESET_VERBS, lexicon.NO_RESET_WANTED, lexicon.OTHER_REQUESTS):
        langs = {lang for t in terms for lang in t.lang.split("/")}
        assert {"es", "pt"} <= langs


def test_the_rule_list_is_printable_and_names_every_entry() -> None:
    lines = lexicon.rule_lines()
    assert len(lines) == len(_ENTRIES)
    assert any(line.startswith("no reset wanted [pt]") for line in lines)
