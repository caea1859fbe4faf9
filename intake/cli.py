"""The ``foodsafe`` command: a click group whose subcommands are entry points.

Each package registers its own commands under ``[project.entry-points."foodsafe.commands"]``
in pyproject.toml; a command's module is imported only when that command runs, so
``foodsafe classify`` never pays for Flask and the domain never imports a transport.
"""

from __future__ import annotations

import logging
from importlib.metadata import EntryPoint, entry_points

import click


def _commands() -> dict[str, EntryPoint]:
    return {ep.name: ep for ep in entry_points(group="foodsafe.commands")}


class EntryPointGroup(click.Group):
    """A group that lists every registered command and loads one only when asked."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(_commands()))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            return command
        entry = _commands().get(cmd_name)
        if entry is None:
            return None
        loaded = entry.load()
        if not isinstance(loaded, click.Command):
            raise click.ClickException(f"entry point {entry.value} is not a click command")
        return loaded


@click.group(cls=EntryPointGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Log at DEBUG level.")
def main(verbose: bool) -> None:
    """foodsafe: 食品安全投诉举报与科普助手 / food-safety complaints, tips and answers."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if not verbose:
        # Alembic narrates every plugin it loads; a migration's own lines are enough.
        logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
