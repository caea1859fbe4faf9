"""``foodsafe kb``, ``foodsafe ask`` and ``foodsafe eval-faq``: the knowledge base's commands.

``ask --jsonl`` is a public contract: one output line per input line, in order, and a bad
line yields an error line carrying its id rather than stopping the run.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import IO, Any

import click

from knowledge.faq.base import KnowledgeBase, default_base, question_lang
from knowledge.faq.entry import Entry
from knowledge.faq.evaluation import evaluate, held_out_phrasings, read_labelled
from knowledge.faq.loading import ENTRIES_DIR, load_directory
from knowledge.labelled import LabelledSetError

LANG = click.Choice(["zh", "en"])


def _quiet_tokenizer() -> None:
    """jieba announces its dictionary at DEBUG on stderr; a command's output has no use for it."""
    logging.getLogger("jieba").setLevel(logging.WARNING)


def _base_from(directory: Path | None) -> KnowledgeBase:
    _quiet_tokenizer()
    if directory is None:
        return default_base()
    loaded = load_directory(directory)
    return KnowledgeBase(loaded.entries, topics=loaded.topics)


@click.group()
def kb() -> None:
    """知识库维护 / maintain the knowledge base."""


@kb.command("check")
@click.option("--dir", "directory", type=click.Path(path_type=Path, file_okay=False),
              default=ENTRIES_DIR, show_default=True, help="The entries directory.")
@click.option("--strict", is_flag=True,
              help="Also ask every phrasing with its own copy held out of the base.")
def check(directory: Path, strict: bool) -> None:
    """校验知识库条目 / validate the entries files (exit 1 on any problem)."""
    from knowledge.faq.checks import check_loaded

    _quiet_tokenizer()
    loaded = load_directory(directory)
    base = KnowledgeBase(loaded.entries, topics=loaded.topics)
    problems = check_loaded(loaded, base, strict=strict)
    for problem in problems:
        click.echo(str(problem))
    counts = ", ".join(
        f"{topic.code} {len(base.entries_by_topic(topic.code))}" for topic in base.topics()
    )
    click.echo(f"{len(loaded.entries)} entries in {len(loaded.topics)} topics ({counts}); "
               f"{len(problems)} problems")
    click.echo(english_coverage(loaded.entries))
    if problems:
        sys.exit(1)


def english_coverage(entries: list[Entry]) -> str:
    """How many entries have English (not a problem: the rest answer in Chinese)."""
    english = [entry for entry in entries if entry.has_english]
    sources = sum(1 for entry in english if entry.source.has_english)
    phrased = [entry for entry in english if entry.phrasings_en]
    return (f"English: {len(english)} of {len(entries)} entries have question_en and answer_en "
            f"({len(entries) - len(english)} without; {len(english) - sources} of the "
            "translated lack the source's authority_en/document_en); "
            f"{len(phrased)} have phrasings_en "
            f"({sum(len(entry.phrasings_en) for entry in phrased)} English phrasings)")


@kb.command("report")
@click.option("--limit", default=50, show_default=True, help="How many missed questions.")
def report(limit: int) -> None:
    """未能可靠回答的问题与各条目的有用率 / missed questions and helpfulness per entry."""
    # The database lives in the domain package; the import stays inside the command so that
    # answering never loads it.
    from knowledge.faq.report import print_report

    print_report(limit=limit, echo=click.echo)


@click.command()
@click.argument("question", required=False)
@click.option("--jsonl", "jsonl", type=click.File("r", encoding="utf-8", errors="replace"),
              help='Answer every line {"id": ..., "question": ...} of FILE ("-" for stdin).')
@click.option("--lang", type=LANG, default=None,
              help="The reply's language; by default English for a question written mostly "
                   "in Latin letters, else Chinese (a --jsonl line's own \"lang\" wins).")
@click.option("--dir", "directory", type=click.Path(path_type=Path, file_okay=False),
              default=None, help="Answer from another entries directory.")
def ask(question: str | None, jsonl: IO[str] | None, lang: str | None,
        directory: Path | None) -> None:
    """回答一个食品安全问题 / answer a food-safety question."""
    if (question is None) == (jsonl is None):
        raise click.UsageError('give either a QUESTION or --jsonl FILE')
    base = _base_from(directory)
    if jsonl is not None:
        for line in jsonl:
            if line.strip():
                click.echo(json.dumps(_answer_line(base, line, lang), ensure_ascii=False))
        return
    assert question is not None  # noqa: S101 - guarded by the usage check above
    result = base.answer(question, lang=lang or question_lang(question))
    click.echo(result.message)


def _answer_line(base: KnowledgeBase, line: str, lang: str | None) -> dict[str, Any]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "answered": False, "error": f"invalid JSON: {exc.msg}"}
    if not isinstance(item, dict):
        return {"id": None, "answered": False, "error": "each line must be a JSON object"}
    item_id = item.get("id")
    question = item.get("question")
    if not isinstance(question, str):
        return {"id": item_id, "answered": False,
                "error": "question must be a string"}
    wanted = item.get("lang", lang)
    if wanted is None:
        wanted = question_lang(question)
    if wanted not in LANG.choices:
        return {"id": item_id, "answered": False, "error": 'lang must be "zh" or "en"'}
    return {"id": item_id, **base.answer(question, lang=str(wanted)).to_json()}


@click.command("eval-faq")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
                required=False)
@click.option("--held-out-phrasings", "held_out", is_flag=True,
              help="Instead of FILE: ask each entry's phrasings with them held out of the base.")
@click.option("--show-failures", is_flag=True, help="List every question answered wrongly.")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
def eval_faq(file: Path | None, held_out: bool, show_failures: bool, as_json: bool) -> None:
    """评估问答准确率 / top-1, top-3 and out-of-scope declined rate on a labelled set."""
    if (file is None) == (not held_out):
        raise click.UsageError("give either FILE or --held-out-phrasings")
    _quiet_tokenizer()
    english = None
    if held_out:
        entries = load_directory(ENTRIES_DIR).entries
        result = held_out_phrasings(entries)
        # the English phrasings, held out by the same folds, are a figure of their own
        if any(entry.phrasings_en for entry in entries):
            english = held_out_phrasings(entries, lang="en")
    else:
        assert file is not None  # noqa: S101 - guarded by the usage check above
        try:
            labelled = read_labelled(file)
        except LabelledSetError as exc:
            raise click.ClickException(f"{file.name}: {exc}") from exc
        result = evaluate(_base_from(None), labelled)
    if as_json:
        metrics: dict[str, Any] = dict(result.metrics())
        if english is not None:
            metrics["english"] = english.metrics()
        click.echo(json.dumps(metrics, ensure_ascii=False))
        return
    for line in result.summary_lines():
        click.echo(line)
    if show_failures:
        for failure in result.failures:
            click.echo(failure)
    if english is not None:
        click.echo("English phrasings (phrasings_en), held out by the same folds:")
        for line in english.summary_lines()[:4]:
            click.echo(line)
        if show_failures:
            for failure in english.failures:
                click.echo(failure)
