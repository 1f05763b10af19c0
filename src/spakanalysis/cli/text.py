"""The command line's own texts in Bahasa Indonesia: help headings, usage line, option errors.

Typer (0.29) ships its own copy of click whose texts are plain English
strings, not gettext messages, so they cannot be translated with a catalogue.
This module replaces them where Typer lets a program choose: the rich help
constants, a command class with an Indonesian usage line and ``--help`` text,
and :func:`usage_error_text`, which the CLI prints instead of click's own
formatting of a :class:`UsageError` (the CLI runs the app with
``standalone_mode=False``).
"""

from __future__ import annotations

import re

from typer import rich_utils
from typer._click import exceptions as click_exc
from typer.core import TyperCommand, TyperGroup

__all__ = ["IndonesianCommand", "IndonesianGroup", "PerintahID", "GrupID", "usage_error_text", "install"]

USAGE = "Penggunaan: "
OPTIONS_METAVAR = "[OPSI]"
HELP_TEXT = "Tampilkan bantuan ini lalu keluar."

#: The rich help/error constants of Typer, in Indonesian.
_RICH = {
    "OPTIONS_PANEL_TITLE": "Opsi",
    "ARGUMENTS_PANEL_TITLE": "Argumen",
    "COMMANDS_PANEL_TITLE": "Perintah",
    "ERRORS_PANEL_TITLE": "Galat",
    "DEFAULT_STRING": "[bawaan: {}]",
    "ENVVAR_STRING": "[variabel lingkungan: {}]",
    "REQUIRED_LONG_STRING": "[wajib]",
    "DEPRECATED_STRING": "(usang) ",
    "ABORTED_TEXT": "Dibatalkan oleh pengguna.",
    "RICH_HELP": "Coba [blue]'{command_path} {help_option}'[/] untuk bantuan.",
}

#: What a value must look like, by pydantic error type (Typer 0.29 parses values with pydantic).
_EXPECTED = {
    "int_parsing": "diharapkan bilangan bulat, mis. 2",
    "int_from_float": "diharapkan bilangan bulat, bukan pecahan",
    "float_parsing": "diharapkan bilangan dengan titik desimal, mis. 0.05",
    "bool_parsing": "diharapkan ya/tidak (true/false)",
    "date_parsing": "diharapkan tanggal TTTT-BB-HH",
}


def _translate_help_option(cmd, ctx):
    opt = super(type(cmd), cmd).get_help_option(ctx)
    if opt is not None:
        opt.help = HELP_TEXT
    return opt


class IndonesianCommand(TyperCommand):
    """A Typer command whose usage line and ``--help`` text are Indonesian."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs["options_metavar"] = OPTIONS_METAVAR
        super().__init__(*args, **kwargs)

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=USAGE)

    def get_help_option(self, ctx):
        return _translate_help_option(self, ctx)


class IndonesianGroup(TyperGroup):
    """The Typer group of the CLI, with an Indonesian usage line and ``--help`` text."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs["options_metavar"] = OPTIONS_METAVAR
        kwargs["subcommand_metavar"] = "PERINTAH [ARGUMEN]..."
        super().__init__(*args, **kwargs)

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=USAGE)

    def get_help_option(self, ctx):
        return _translate_help_option(self, ctx)


def install() -> None:
    """Put the Indonesian help headings into Typer's rich formatter (read at call time)."""
    for name, text in _RICH.items():
        setattr(rich_utils, name, text)


def _hint(exc) -> str:
    param = getattr(exc, "param", None)
    if param is not None and getattr(param, "opts", None):
        return " / ".join(f"'{o}'" for o in param.opts)
    return getattr(exc, "param_hint", None) or "parameter"


def _bad_value(exc: click_exc.BadParameter) -> str:
    cause = exc.__cause__
    errors = cause.errors() if hasattr(cause, "errors") else []
    if errors:
        got = errors[0].get("input")
        expected = _EXPECTED.get(errors[0].get("type"), "nilai tidak dapat dibaca")
        return f"Nilai tidak sah untuk {_hint(exc)}: {got!r}, {expected}."
    return f"Nilai tidak sah untuk {_hint(exc)}: {exc.message}"


def _message(exc: click_exc.UsageError) -> str:
    msg = exc.message or ""
    if isinstance(exc, click_exc.NoSuchOption):
        text = f"Opsi tidak dikenal: {exc.option_name}."
        if exc.possibilities:
            text += f" Mungkin maksud Anda: {', '.join(sorted(exc.possibilities))}."
        return text
    if isinstance(exc, click_exc.MissingParameter):
        return f"Opsi {_hint(exc)} wajib diisi."
    if isinstance(exc, click_exc.BadParameter):
        return _bad_value(exc)
    if isinstance(exc, click_exc.BadOptionUsage):
        if "requires an argument" in msg:
            return f"Opsi '{exc.option_name}' memerlukan nilai."
        if "does not take a value" in msg:
            return f"Opsi '{exc.option_name}' tidak menerima nilai."
        return f"Opsi '{exc.option_name}' dipakai dengan salah."
    m = re.match(r"No such command '(.*)'\.", msg)
    if m:
        return f"Perintah tidak dikenal: {m.group(1)}. Perintah yang ada: sampel, validasi, laporan."
    if msg.startswith("Missing command"):
        return "Sebutkan perintah: sampel, validasi atau laporan."
    m = re.match(r"Got unexpected extra argument(?:\(s\)|s)? \((.*)\)", msg)
    if m:
        return f"Argumen tidak dikenal: {m.group(1)}."
    return "Perintah atau opsi tidak dapat dibaca."


def usage_error_text(exc: click_exc.UsageError) -> str:
    """Usage line, help hint and the Indonesian message of a command-line error (what click would print)."""
    lines = []
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        lines.append(ctx.get_usage())
        lines.append(f"Coba '{ctx.command_path} --help' untuk bantuan.")
    lines.append(f"Galat: {_message(exc)}")
    return "\n".join(lines)


# Deprecated aliases: the names before issue 16.
PerintahID, GrupID = IndonesianCommand, IndonesianGroup
