"""The server's message catalogues: complete in both languages, CLDR plurals,
language negotiation."""

import importlib
import pkgutil
import re

import pytest

import bodyweight
from bodyweight import i18n
from bodyweight.errors import DomainError

# Codes the handlers give Starlette's own refusals and unexpected failures.
HANDLER_CODES = {"not_found", "method_not_allowed", "payload_too_large", "http_error", "internal_error"}
PLACEHOLDER = re.compile(r"\{(\w+)(?::(\w+))?\}")


def every_error_code() -> set[str]:
    for module in pkgutil.walk_packages(bodyweight.__path__, "bodyweight."):
        importlib.import_module(module.name)
    found, todo = set(), [DomainError]
    while todo:
        cls = todo.pop()
        found.add(cls.code)
        todo += cls.__subclasses__()
    return (found - {"bad_request"}) | HANDLER_CODES


def flatten(tree: dict, prefix: str = "") -> dict[str, str]:
    flat = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat |= flatten(value, f"{prefix}{key}.")
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def test_both_catalogues_have_the_same_keys_and_placeholders():
    ru, en = (flatten(i18n.catalogue(locale)) for locale in ("ru", "en"))
    nouns = {k for k in ru if k.startswith("nouns.")} | {k for k in en if k.startswith("nouns.")}
    assert set(ru) - nouns == set(en) - nouns
    for key in set(en) - nouns:
        assert set(PLACEHOLDER.findall(ru[key])) == set(PLACEHOLDER.findall(en[key])), key


@pytest.mark.parametrize("locale", i18n.LOCALES)
def test_every_error_code_has_a_message(locale):
    errors = i18n.catalogue(locale)["errors"]
    assert every_error_code() <= set(errors), every_error_code() - set(errors)


@pytest.mark.parametrize("locale", i18n.LOCALES)
def test_every_noun_has_every_plural_form_of_the_language(locale):
    forms = {"ru": {"one", "few", "many"}, "en": {"one", "other"}}[locale]
    for noun, table in i18n.catalogue(locale)["nouns"].items():
        assert set(table) == forms, noun


@pytest.mark.parametrize(
    ("n", "russian"),
    [
        (0, "0 монет"),
        (1, "1 монета"),
        (2, "2 монеты"),
        (5, "5 монет"),
        (11, "11 монет"),
        (21, "21 монета"),
        (22, "22 монеты"),
        (25, "25 монет"),
        (111, "111 монет"),
        (1004, "1004 монеты"),
    ],
)
def test_russian_plurals(n, russian):
    message = i18n.text("ru", "errors.insufficient_coins", {"price": n, "coins": n})
    assert message == f"Аватар стоит {russian}, а у вас {russian}."


@pytest.mark.parametrize(("n", "english"), [(0, "0 coins"), (1, "1 coin"), (2, "2 coins"), (21, "21 coins")])
def test_english_plurals(n, english):
    assert english in i18n.text("en", "errors.insufficient_coins", {"price": n, "coins": 3})


@pytest.mark.parametrize(
    ("header", "locale"),
    [
        (None, "en"),
        ("", "en"),
        ("ru", "ru"),
        ("ru-RU,ru;q=0.9,en-US;q=0.8", "ru"),
        ("en-GB,en;q=0.9,ru;q=0.8", "en"),
        ("de-DE,de;q=0.9,ru;q=0.5", "ru"),
        ("fr", "en"),
        ("en;q=0.1, ru;q=0.9", "ru"),
        ("ru;q=0", "en"),
        ("ru;q=abc, en", "en"),
    ],
)
def test_the_best_language_for_accept_language(header, locale):
    assert i18n.negotiate(header) == locale


def test_a_missing_key_or_parameter_never_breaks_a_reply():
    assert i18n.text("en", "errors.no_such_code") == "errors.no_such_code"
    assert i18n.text("ru", "errors.level_too_low", {}) == i18n.catalogue("ru")["errors"]["level_too_low"]


def test_telegram_language_codes():
    assert (i18n.locale_of("ru"), i18n.locale_of("en-GB"), i18n.locale_of("uk"), i18n.locale_of(None)) == (
        "ru",
        "en",
        None,
        None,
    )
