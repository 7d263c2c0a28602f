"""``portal``: the editors' command line (French output)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import Severity
from .pipeline import check


def _plural(count: int, label: str) -> str:
    return f"{count} {label}"


def cmd_check(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if not root.is_dir():
        print(f"portal : dossier introuvable : {root}", file=sys.stderr)
        return 2
    site, problems = check(root)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    for problem in errors:
        print(problem, file=sys.stderr)
    if warnings:
        print("Avertissements :", file=sys.stderr)
        for problem in warnings:
            print(problem, file=sys.stderr)
    if site is None:
        s = "s" if len(errors) > 1 else ""
        print(
            f"\n{len(errors)} erreur{s} : corrigez-les puis relancez « portal check ».",
            file=sys.stderr,
        )
        return 1
    counts = ", ".join(_plural(n, t.label) for t, n in site.counts().items())
    print(f"Contenu valide : {counts}.")
    return 0


def cmd_synth(args: argparse.Namespace) -> int:
    from .synth import Spec, SynthError, write

    spec = Spec(args.campuses, args.actions, args.events, args.acronyms, args.seed)
    out = Path(args.out)
    try:
        count = write(spec, out)
    except SynthError as exc:
        print(f"portal synth : {exc}", file=sys.stderr)
        return 2
    print(
        f"Portail synthétique écrit dans {out} ({count} fichiers) : {spec.campuses} campus, "
        f"{spec.actions} actions, {spec.events} événements, {spec.acronyms} sigles.\n"
        f"Vérifier : portal check --root {out}\n"
        f"Construire : mkdocs build -f {out / 'mkdocs.yml'}"
    )
    return 0


def _count(text: str) -> int:
    """A command-line count: a whole number, zero or more."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"« {text} » : nombre entier positif ou nul attendu")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="portal", description="Portail des Campus des Métiers et des Qualifications."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMANDE")
    check_parser = commands.add_parser(
        "check", help="vérifier tout le contenu et lister chaque erreur (fichier:ligne: champ)"
    )
    check_parser.add_argument(
        "--root", default=".", help="dossier du portail (celui qui contient campuses/ et content/)"
    )
    check_parser.set_defaults(run=cmd_check)
    synth_parser = commands.add_parser(
        "synth", help="écrire un portail synthétique complet et valide (mesures, tests)"
    )
    for option, default, what in (
        ("--campuses", 8, "campus"),
        ("--actions", 100, "actions"),
        ("--events", 40, "événements"),
        ("--acronyms", 50, "sigles du glossaire"),
    ):
        synth_parser.add_argument(
            option, type=_count, default=default, help=f"nombre de {what} (défaut : {default})"
        )
    synth_parser.add_argument(
        "--seed", type=_count, default=0, help="graine : mêmes arguments, mêmes fichiers"
    )
    synth_parser.add_argument(
        "--out", required=True, help="dossier à écrire : vide, inexistant ou sortie d'un synth"
    )
    synth_parser.set_defaults(run=cmd_synth)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    result: int = args.run(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
