"""``portal``: the editors' command line (French output)."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from .errors import Severity
from .legal import check_config
from .pipeline import check
from .reports import FORMATS, MACHINE, repository_prefix


def _root(args: argparse.Namespace) -> Path | None:
    """The portal folder given with --root, or None after saying it does not exist."""
    root = Path(args.root)
    if not root.is_dir():
        print(f"portal : dossier introuvable : {root}", file=sys.stderr)
        return None
    return root


def _plural(count: int, label: str) -> str:
    return f"{count} {label}"


def cmd_check(args: argparse.Namespace) -> int:
    root = _root(args)
    if root is None:
        return 2
    site, problems = check(root)
    problems = sorted(problems + check_config(root))  # the legal pages' settings too
    errors = [p for p in problems if p.severity is Severity.ERROR]
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    if args.format != "text":
        report = MACHINE[args.format](problems, repository_prefix(root))
        if args.output is None:
            sys.stdout.write(report)
        else:
            Path(args.output).write_text(report, encoding="utf-8")
    # Warnings then errors, each under its heading, one « path:line: field: message » per line:
    # the errors last, just above the conclusion, where a pipeline's log is read first (a forge
    # shows its end). Besides a report on standard output (GitHub's annotations), only the
    # conclusion.
    if args.format == "text" or args.output is not None:
        for heading, found in (("Avertissements", warnings), ("Erreurs", errors)):
            if found:
                print(f"{heading} ({len(found)}) :", file=sys.stderr)
                for problem in found:
                    print(problem, file=sys.stderr)
    told = _count_words(len(errors), "erreur") if errors else ""
    if warnings:
        told += (" et " if told else "") + _count_words(len(warnings), "avertissement")
    if site is None or errors:
        print(f"\n{told} : corrigez les erreurs puis relancez « portal check ».", file=sys.stderr)
        return 1
    if warnings:
        print(
            f"\n{told} : le site peut être construit, mais lisez-les et corrigez ce qui doit "
            "l'être.",
            file=sys.stderr,
        )
    counts = ", ".join(_plural(n, t.label) for t, n in site.counts().items())
    # On standard error when a report takes standard output: the report stays parseable.
    summary = sys.stdout if args.format == "text" or args.output is not None else sys.stderr
    print(f"Contenu valide : {counts}.", file=summary)
    return 0


def _count_words(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}"


def cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, kinds, new

    root = _root(args)
    if root is None:
        return 2
    try:
        created = new(args.kind, args.title, root, campus=args.campus, slug=args.slug)
    except ScaffoldError as exc:
        print(f"portal new : {exc}", file=sys.stderr)
        return 1
    check_command = "portal check" + (f" --root {args.root}" if args.root != "." else "")
    to_fill = ", ".join(created.to_fill)
    fill = (
        f"remplissez les champs obligatoires ({to_fill})"
        if created.to_fill
        else "complétez les champs utiles"
    )
    print(
        f"Fichier créé : {created.display} ({kinds()[args.kind].label}).\n"
        "Ensuite :\n"
        f"  1. Ouvrez-le et {fill} ; les commentaires « # » expliquent chaque champ.\n"
        f"  2. Vérifiez : {check_command}\n"
        f"  3. Prévisualisez : ./scripts/serve, puis http://127.0.0.1:8000{created.url}\n"
        "Guide de rédaction : docs/contribuer.md (sur le site : /contribuer/)."
    )
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import render_schemas

    root = _root(args)
    if root is None:
        return 2
    files = render_schemas(root)
    if args.out is None:
        print("Schémas JSON du contenu (rien n'est écrit sans --out DOSSIER) :")
        for name, text in files.items():
            print(f"  {name} ({len(text.encode())} octets)")
        print("Pour les écrire : portal schema --out DOSSIER")
        return 0
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
    print(f"{len(files)} schémas JSON écrits dans {out} : {', '.join(files)}.")
    return 0


def _synth() -> ModuleType | None:
    """``benchmarks/synth.py`` of the repository this package runs from: a tool of the
    benchmark and the tests, not of the core, so an installed package does not carry it."""
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "synth.py"
    spec = importlib.util.spec_from_file_location("portal_synth", path)
    if not path.is_file() or spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def cmd_synth(args: argparse.Namespace) -> int:
    synth = _synth()
    if synth is None:
        print(
            "portal synth : cette commande vient avec le dépôt du portail (benchmarks/synth.py) ; "
            "lancez-la depuis une copie du dépôt",
            file=sys.stderr,
        )
        return 2
    spec = synth.Spec(args.campuses, args.actions, args.events, args.acronyms, args.seed)
    out = Path(args.out)
    try:
        count = synth.write(spec, out)
    except synth.SynthError as exc:
        print(f"portal synth : {exc}", file=sys.stderr)
        return 2
    print(
        f"Portail synthétique écrit dans {out} ({count} fichiers) : {spec.campuses} campus, "
        f"{spec.actions} actions, {spec.events} événements, {spec.acronyms} sigles.\n"
        f"Vérifier : portal check --root {out}\n"
        f"Construire : mkdocs build -f {out / 'mkdocs.yml'}"
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .export import ExportError, export  # its Markdown converter only when exporting

    config = Path(args.config)
    if not config.is_file():
        print(f"portal : fichier introuvable : {config}", file=sys.stderr)
        return 2
    try:
        written = export(config, Path(args.out))
    except ExportError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"portal export : {exc} ; rien n'est exporté.", file=sys.stderr)
        return 1
    print(
        f"{_count_words(written, 'fichier')} dans {args.out} ; construisez-les avec "
        f"« properdocs build -f {Path(args.out) / 'mkdocs.yml'} »."
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
    check_parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (défaut) ; github : annotations des GitHub Actions ; gitlab : rapport Code "
        "Quality de GitLab ; json : les problèmes en JSON",
    )
    check_parser.add_argument(
        "--output",
        metavar="FICHIER",
        help="écrire le rapport (github, gitlab, json) dans ce fichier plutôt que sur la sortie "
        "standard ; la liste lisible s'affiche alors aussi",
    )
    check_parser.set_defaults(run=cmd_check)
    root_help = "dossier du portail (celui qui contient campuses/ et content/)"
    new_parser = commands.add_parser(
        "new", help="créer un fichier de contenu à partir d'un modèle commenté"
    )
    new_parser.add_argument(
        "kind",
        choices=("campus", "action", "event", "acronym"),
        metavar="TYPE",
        help="campus, action, event (événement) ou acronym (sigle)",
    )
    new_parser.add_argument("title", metavar="TITRE", help="le titre, entre guillemets")
    new_parser.add_argument("--campus", help="identifiant du campus porteur (action, événement)")
    new_parser.add_argument(
        "--slug",
        help="identifiant du fichier, s'il ne doit pas venir du titre (minuscules, tirets)",
    )
    new_parser.add_argument("--root", default=".", help=root_help)
    new_parser.set_defaults(run=cmd_new)
    schema_parser = commands.add_parser(
        "schema", help="schémas JSON du contenu, tirés des modèles et des vocabulaires"
    )
    schema_parser.add_argument(
        "--out", help="dossier où écrire les fichiers *.schema.json (sans lui : la liste)"
    )
    schema_parser.add_argument("--root", default=".", help=root_help)
    schema_parser.set_defaults(run=cmd_schema)
    synth_parser = commands.add_parser(
        "synth", help="écrire un portail synthétique complet et valide (mesures, tests)"
    )
    for option, default, what in (
        ("--campuses", 8, "nombre de campus"),
        ("--actions", 100, "nombre d'actions"),
        ("--events", 40, "nombre d'événements"),
        ("--acronyms", 50, "nombre de sigles du glossaire"),
    ):
        synth_parser.add_argument(
            option, type=_count, default=default, help=f"{what} (défaut : {default})"
        )
    synth_parser.add_argument(
        "--seed", type=_count, default=0, help="graine : mêmes arguments, mêmes fichiers"
    )
    synth_parser.add_argument(
        "--out", required=True, help="dossier à écrire : vide, inexistant ou sortie d'un synth"
    )
    synth_parser.set_defaults(run=cmd_synth)
    export_parser = commands.add_parser(
        "export",
        help="écrire le site en pages Markdown et fichiers, pour un moteur sans le greffon portal",
    )
    export_parser.add_argument("out", metavar="DOSSIER", help="dossier à écrire (vidé d'abord)")
    export_parser.add_argument(
        "-f", "--config", default="mkdocs.yml", help="configuration (défaut : mkdocs.yml)"
    )
    export_parser.set_defaults(run=cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    result: int = args.run(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
