"""Acronym marking: what a reader gets in the HTML, and what ``portal check`` reports."""

from __future__ import annotations

from html import escape
from typing import Any

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from generator import memos
from generator.acronyms import Acronyms
from generator.errors import Severity
from generator.models.glossary import GlossaryEntry
from generator.render.abbreviations import (
    PIECE,
    AbbreviationsExtension,
    AbbreviationsTreeprocessor,
    Marking,
    _remembered,
    mark_html,
)

from .support import REPO

CFA_CENTRE = "Centre de Formation d’Apprentis"
CFA_CENTRES = "Centres de Formation d’Apprentis"
DO_DIRECTRICE = "Directrice Opérationnelle"
DO_DIRECTEUR = "Directeur Opérationnel"
HOSTILE = '<script>alert(1)</script> & "quotes"'


def entry(title: str, *expansions: str | tuple[str, str], kind: str = "acronym") -> GlossaryEntry:
    """A glossary entry through the model; keyed expansions are ``(key, text)``."""
    data: dict[str, Any] = {"title": title, "kind": kind}
    if expansions:
        data["expansions"] = [
            {"key": e[0], "text": e[1]} if isinstance(e, tuple) else {"text": e}
            for e in expansions
        ]
    return GlossaryEntry.model_validate(data)


GLOSSARY = {
    "cap": entry("CAP", "Certificat d’Aptitude Professionnelle"),
    "capeb": entry("CAPEB", "Confédération de l’Artisanat et des Petites Entreprises du Bâtiment"),
    "cfa": entry("CFA", ("centre", CFA_CENTRE), ("centres", CFA_CENTRES)),
    "cfppa": entry("CFPPA", "Centre de Formation Professionnelle et de Promotion Agricoles"),
    "do": entry("DO", ("directrice", DO_DIRECTRICE), ("directeur", DO_DIRECTEUR)),
    "estp": entry("ESTP", "École Spéciale des Travaux Publics"),
    "ensmm": entry("ENSMM", "École Nationale Supérieure de Mécanique et des Microtechniques"),
    "ami": entry("AMI", "Appel à manifestation d’intérêt"),
    "ami-cma": entry("AMI CMA", "Appel à manifestation d’intérêt Compétences et Métiers d’Avenir"),
    "sti2d": entry("STI2D", "Sciences et Technologies de l’Industrie et du Développement Durable"),
    "cm1": entry("CM1", "Cours moyen première année"),
    "r-d": entry("R&D", "Recherche et développement"),
    "cmq": entry("CMQ", "Campus des Métiers et des Qualifications"),
    "xss": entry("XSS", HOSTILE),
    "parcours-avenir": entry("Parcours Avenir", kind="term"),
}
ACRONYMS = Acronyms(GLOSSARY)
HREF = "../../glossaire/"


def bundled_glossary() -> dict[str, GlossaryEntry]:
    """The glossary shipped with the portal, read straight from its files."""
    entries = {}
    for path in sorted((REPO / "content" / "glossary").glob("*.md")):
        front_matter = path.read_text(encoding="utf-8").split("---")[1]
        entries[path.stem] = GlossaryEntry.model_validate(yaml.safe_load(front_matter))
    return entries


def marked(html: str, acronyms: Acronyms = ACRONYMS) -> tuple[str, frozenset[str]]:
    return mark_html(html, acronyms, HREF)


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def abbrs(html: str) -> list[tuple[str, str]]:
    """``(text, title)`` of every abbreviation, in order."""
    return [(a.get_text(), str(a["title"])) for a in soup(html).find_all("abbr")]


def links(html: str) -> list[tuple[str, str]]:
    """``(href, text)`` of every link to the glossary."""
    return [
        (str(a["href"]), a.get_text())
        for a in soup(html).find_all("a")
        if str(a.get("href", "")).startswith(HREF)
    ]


def found(text: str, acronyms: Acronyms = ACRONYMS) -> list[str]:
    """The short forms found in ``text``, as written there."""
    return [text[hit.start : hit.short_end] for hit in acronyms.scan(text)]


# -- Word boundaries -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("le CAP et la CAPEB", ["CAP", "CAPEB"]),
        ("des CAPs", []),
        ("ÉCAP, CAPé, ÇACAP", []),
        ("&Eacute;CAP et CAP&eacute; et CAP&nbsp;!", ["CAP"]),
        ("Cap, cap, cAP", []),
        ("l'ESTP et l’ESTP et l&rsquo;ESTP", ["ESTP", "ESTP", "ESTP"]),
        ("Supmicrotech-ENSMM", ["ENSMM"]),
        ("CFA-CFPPA", ["CFA", "CFPPA"]),
        ("CM1 et CM12 et CM1b et 2CM1", ["CM1"]),
        ("STI2D, STI2DX", ["STI2D"]),
        (
            "AMI CMA, AMI&nbsp;CMA, AMI\u00a0CMA, AMI\nCMA",
            ["AMI CMA", "AMI&nbsp;CMA", "AMI\u00a0CMA", "AMI\nCMA"],
        ),
        ("AMI CMAs, AMI", ["AMI", "AMI"]),
        ("R&D et R&amp;D", ["R&D", "R&amp;D"]),
        ("_CFA_ et *CFA*", ["CFA", "CFA"]),
        ("(CFA), «\u00a0CFA\u00a0», CFA.", ["CFA", "CFA", "CFA"]),
    ],
)
def test_word_boundaries(text: str, expected: list[str]) -> None:
    assert found(text) == expected


def test_the_longest_short_form_wins() -> None:
    acronyms = Acronyms(
        {**GLOSSARY, "supmicrotech-ensmm": entry("Supmicrotech-ENSMM", "Supmicrotech-ENSMM")}
    )
    assert [h.acronym.slug for h in acronyms.scan("Supmicrotech-ENSMM et ENSMM")] == [
        "supmicrotech-ensmm",
        "ensmm",
    ]
    assert [h.acronym.slug for h in ACRONYMS.scan("l'AMI CMA et l'AMI")] == ["ami-cma", "ami"]


def test_every_short_form_of_the_bundled_glossary_is_found_as_itself() -> None:
    glossary = bundled_glossary()
    acronyms = Acronyms(glossary)
    assert len(acronyms) == sum(e.kind == "acronym" for e in glossary.values()) > 200
    for slug, acronym in acronyms.by_slug.items():
        for text in (f"Le {acronym.short}.", f"<p>l’{escape(acronym.short)}</p>"):
            assert [h.acronym.slug for h in acronyms.scan(text)] == [slug], text


def test_every_bundled_acronym_is_linked_once_on_a_page_that_uses_them_all() -> None:
    acronyms = Acronyms(bundled_glossary())
    shorts = [a.short for a in acronyms.by_slug.values()]
    text = "\n\n".join(f"Le {short} et encore le {short}." for short in shorts)
    html = markdown.markdown(text, extensions=[AbbreviationsExtension(acronyms)])
    page = soup(html)
    targets = [str(a["href"]).partition("#")[2] for a in page.find_all("a")]
    assert sorted(targets) == sorted(acronyms.by_slug)
    assert len(page.find_all("abbr")) == 2 * len(shorts)
    assert not page.select("a a, abbr abbr, abbr a")


def test_defined_terms_are_not_acronyms() -> None:
    assert "parcours-avenir" not in ACRONYMS.by_slug
    assert found("le Parcours Avenir") == []


def test_an_empty_glossary_marks_nothing() -> None:
    empty = Acronyms({})
    assert found("CFA", empty) == []
    assert marked("<p>CFA</p>", empty) == ("<p>CFA</p>", frozenset())


# -- Marking: first and later occurrences --------------------------------------------------------


def test_first_occurrence_is_linked_and_expanded_in_the_text() -> None:
    html, used = marked("<p>Le CMQ réunit. Le CMQ forme.</p><p>Un CMQ.</p>")
    assert used == {"cmq"}
    assert links(html) == [(f"{HREF}#cmq", "CMQ")]
    expansion = "Campus des Métiers et des Qualifications"
    assert abbrs(html) == [("CMQ", expansion)] * 3
    # The expansion is in the text itself, for screen readers and touch screens.
    assert soup(html).get_text() == (
        f"Le CMQ ({expansion}) réunit. Le CMQ forme.Un CMQ."
    )
    first = soup(html).find("a")
    assert isinstance(first, Tag) and first.find("abbr") is not None


def test_headings_other_than_the_page_title_are_marked() -> None:
    html, used = marked("<h1>Le CMQ</h1><h2>Le CMQ</h2>")
    assert used == {"cmq"}
    assert html.startswith("<h1>Le CMQ</h1><h2>Le <a ")


def test_the_exact_html_of_a_first_and_a_later_occurrence() -> None:
    html, _ = marked("<p>Le CMQ et le CMQ.</p>")
    assert html == (
        '<p>Le <a href="../../glossaire/#cmq"><abbr title="Campus des Métiers et des '
        'Qualifications">CMQ</abbr></a> (Campus des Métiers et des Qualifications) et le '
        '<abbr title="Campus des Métiers et des Qualifications">CMQ</abbr>.</p>'
    )


def test_the_rest_of_the_page_is_byte_identical() -> None:
    page = (
        "<!DOCTYPE html>\n<div class='x' data-a=\"1 > 0\">\n  <p>Texte &amp; entités&nbsp;: "
        "l&rsquo;été, <br/>\n<img alt=\"CMQ\" src=x.png>fin</p><!-- CMQ --><![CDATA[ CMQ ]]>\n"
        "<p>un mot  avec   des espaces\t</p></div>\n"
    )
    assert marked(page) == (page, frozenset())
    html, _ = marked(page + "<p>CMQ</p>")
    assert html.startswith(page)


def test_an_expansion_already_written_before_is_not_repeated() -> None:
    html, _ = marked(f"<p>Le {CFA_CENTRE} (CFA) de Dijon ; le CFA forme.</p>")
    text = soup(html).get_text()
    assert text.count(CFA_CENTRE) == 1
    # The expansion written there also says which one the ambiguous short form means.
    assert abbrs(html) == [("CFA", CFA_CENTRE), ("CFA", f"{CFA_CENTRE} / {CFA_CENTRES}")]
    assert links(html) == [(f"{HREF}#cfa", "CFA")]


def test_an_expansion_written_right_after_is_not_repeated() -> None:
    html, _ = marked("<p>Le CMQ (Campus des métiers et des qualifications) forme.</p>")
    assert soup(html).get_text().count("ampus des") == 1
    assert links(html) == [(f"{HREF}#cmq", "CMQ")]


def test_an_expansion_in_another_text_node_is_repeated() -> None:
    html, _ = marked(f"<p><strong>{CFA_CENTRE}</strong> (CFA)</p>")
    assert soup(html).get_text().count(CFA_CENTRE) == 2


# -- Ambiguous short forms -----------------------------------------------------------------------


def test_a_marker_chooses_the_expansion_and_disappears() -> None:
    html, used = marked("<p>La DO{directrice} puis le DO{directeur} et le DO.</p>")
    assert "{" not in html
    assert abbrs(html) == [
        ("DO", DO_DIRECTRICE),
        ("DO", DO_DIRECTEUR),
        ("DO", f"{DO_DIRECTRICE} / {DO_DIRECTEUR}"),
    ]
    assert soup(html).get_text().startswith(f"La DO ({DO_DIRECTRICE}) puis")
    assert used == {"do"}


def test_without_a_marker_every_expansion_is_shown() -> None:
    html, _ = marked("<p>Le DO.</p>")
    assert soup(html).get_text() == f"Le DO ({DO_DIRECTRICE} / {DO_DIRECTEUR})."


def test_an_unknown_key_leaves_the_text_as_written() -> None:
    html, used = marked("<p>Le DO{inconnu} et le DO{directeur}.</p>")
    assert html.startswith("<p>Le DO{inconnu} et le <a ")
    assert abbrs(html) == [("DO", DO_DIRECTEUR)]
    assert used == {"do"}


def test_unknown_keys_are_reported_with_their_line() -> None:
    text = "Le DO{directrice}.\n\nLe DO{directeurs} et le CMQ{campus}.\n"
    assert ACRONYMS.unknown_keys(text) == [(3, "DO", "directeurs"), (3, "CMQ", "campus")]
    problems = ACRONYMS.problems(text, "content/actions/x.md", first_line=8)
    assert [str(p) for p in problems] == [
        "content/actions/x.md:10: « CMQ{campus} » : le sigle « CMQ » n’a qu’une forme "
        "développée ; retirez « {campus} »",
        "content/actions/x.md:10: « DO{directeurs} » : clé « directeurs » inconnue pour le sigle "
        "« DO » ; clés possibles : « directeur », « directrice » ; vouliez-vous dire "
        "« directeur » ?",
    ]
    assert all(p.severity is Severity.WARNING for p in problems)


# -- Exclusion zones -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "zone",
    [
        '<a href="x/">le CMQ</a>',
        '<abbr title="Campus">CMQ</abbr>',
        "<code>CMQ</code>",
        "<pre>le CMQ\n</pre>",
        "<pre><code>CMQ</code> CMQ</pre>",
        "<kbd>CMQ</kbd>",
        "<samp>CMQ</samp>",
        "<script>if (a < b) { CMQ(); }</script>",
        "<style>.CMQ { color: red }</style>",
        "<textarea>le <b>CMQ</b></textarea>",
        "<title>CMQ</title>",
        "<h1>Le CMQ</h1>",
        '<svg viewBox="0 0 1 1"><title>CMQ</title><text>CMQ</text></svg>',
        "<button>Le CMQ</button>",
        "<select><option>CMQ<option>CMQ</select>",
        '<p title="CMQ" data-cmq="CMQ" class="CMQ">texte</p>',
        "<!-- le CMQ -->",
        "<p>https://example.fr/CMQ/ et www.cmq.fr/CMQ et mailto:CMQ@x.fr</p>",
        "<p>contact@CMQ.fr</p>",
    ],
)
def test_nothing_is_marked_in_an_exclusion_zone(zone: str) -> None:
    assert marked(zone) == (zone, frozenset())


def test_marking_resumes_after_an_exclusion_zone() -> None:
    html, used = marked("<p><a href='x'>CMQ</a> <code>CMQ</code> puis CMQ</p>")
    assert used == {"cmq"}
    tag = soup(html).find("a", href=f"{HREF}#cmq")
    assert tag is not None and tag.get_text() == "CMQ"
    assert len(abbrs(html)) == 1


def test_a_marker_in_a_link_disappears_and_one_in_code_stays() -> None:
    html, used = marked("<p><a href='x'>la DO{directrice}</a> <code>DO{directrice}</code></p>")
    assert html == "<p><a href='x'>la DO</a> <code>DO{directrice}</code></p>"
    assert used == frozenset()


def test_an_option_left_open_does_not_silence_the_rest_of_the_page() -> None:
    _, used = marked("<select><option>CMQ<option>CFA</select><p>Le CMQ</p>")
    assert used == {"cmq"}


@pytest.mark.parametrize(
    ("html", "linked"),
    [
        ("<!-- <a href='x'> --><p>le CMQ</p>", True),  # a tag in a comment is not a tag
        ('<p title="<code>">le CMQ</p>', True),  # nor one in an attribute's value
        ("<p>a < b, le CMQ</p>", True),  # nor a « < » in the text
        ("<article><aside>le CMQ</aside></article>", True),  # « a… » but not « a »
        ('<A HREF="x">le CMQ</A>', False),  # names in capitals are the same names
        ("<ABBR>le CMQ</ABBR>", False),
        # One tag, as browsers read it: « <a cmq<="" p=""> », CMQ is an attribute's name.
        ("<p>x <a CMQ</p>", False),
        ("<p>a <b>et</b> c <x CMQ <i>z</i></p>", False),  # likewise « <x cmq="" <i=""> »
        ("<p><a/>le CMQ</p>", True),  # « <a/> » opens nothing
        ('<p><a title="x>y" href="x">CMQ</a> CMQ</p>', True),  # « > » in a quoted value
        ("<p><a title='<b'>CMQ</a> puis le CMQ</p>", True),  # « < » too
        ("<CODE>CMQ</CODE><p>le CMQ</p>", True),
        ("<p><Code>le CMQ</cODE></p>", False),
    ],
)
def test_only_whole_tags_change_what_is_marked(html: str, linked: bool) -> None:
    out, used = marked(html)
    assert (used == {"cmq"}) is linked
    assert (soup(out).find("a", href=f"{HREF}#cmq") is not None) is linked
    if not linked:
        assert out == html


# -- The page as an HTML parser reads it ---------------------------------------------------------


def cmq_links(html: str) -> list[str]:
    """The text of the element around each link to CMQ's entry."""
    return [
        a.parent.get_text() if isinstance(a.parent, Tag) else ""
        for a in soup(html).find_all("a", href=f"{HREF}#cmq")
    ]


@pytest.mark.parametrize(
    "raw",
    [
        # A closing tag inside a script's strings is text of the script, up to its own end.
        '<script>if (a) { x("</div><p>"); CMQ(); }</script>',
        '<SCRIPT type="module">let s = "<!--"; CMQ</Script >',
        "<style>/* <a> */ .CMQ { color: red }</style>",
        "<textarea><a>CMQ</textarea>",  # no tag in a textarea: the « <a> » opens nothing
        "<title><code>CMQ</title>",
        "<!-- <a> CMQ > still a comment -->",
        "<![CDATA[ <a> CMQ ]]>",
        "<?php echo 'CMQ <a>'; ?>",
    ],
)
def test_raw_text_comments_and_cdata_are_skipped_whole(raw: str) -> None:
    html, used = marked(f"{raw}<p>Le CMQ</p>")
    assert html.startswith(raw)
    assert cmq_links(html) == ["Le CMQ (Campus des Métiers et des Qualifications)"]
    assert used == {"cmq"}


def test_an_unclosed_comment_runs_to_the_end_of_the_page() -> None:
    page = "<p>Le CFA.</p><!-- <p>Le CMQ</p>\n<p>Le CMQ</p>"
    html, used = marked(page)
    assert used == {"cfa"}
    assert html.endswith("<!-- <p>Le CMQ</p>\n<p>Le CMQ</p>")


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>La R&amp;D&nbsp;:</p>", "La R&D (Recherche et développement)\u00a0:"),
        ("<p>l&rsquo;ESTP</p>", "l’ESTP (École Spéciale des Travaux Publics)"),
        (
            "<p>&laquo;&#160;CMQ&#xa0;&raquo;</p>",
            "«\u00a0CMQ (Campus des Métiers et des Qualifications)\u00a0»",
        ),
    ],
)
def test_character_references_next_to_a_short_form_are_kept(html: str, text: str) -> None:
    out, _ = marked(html)
    assert soup(out).get_text() == text
    # The references themselves are copied as written.
    for reference in ("&amp;", "&nbsp;", "&rsquo;", "&laquo;", "&#160;", "&#xa0;"):
        assert out.count(reference) == html.count(reference)


@pytest.mark.parametrize("html", ["<p>&Eacute;CAP, CAP&eacute;</p>", "<p>&#67;MQ</p>"])
def test_a_character_reference_can_make_a_word_or_be_no_short_form(html: str) -> None:
    assert marked(html) == (html, frozenset())


def test_a_short_form_written_with_markup_characters_is_found_in_its_text() -> None:
    # The search over the page's HTML reads « I>O » in « <p class=I>O », which may hide the
    # short form « O » of the text: with such a short form, every text node is read.
    glossary = {**GLOSSARY, "i-o": entry("I>O", "Entrées et sorties"), "o": entry("O", "Ouest")}
    acronyms = Acronyms(glossary)
    assert acronyms.spans_markup and not ACRONYMS.spans_markup
    html, used = mark_html("<p class=I>O</p><p>Les I&gt;O</p>", acronyms, HREF)
    assert used == {"o", "i-o"}
    assert abbrs(html) == [("O", "Ouest"), ("I>O", "Entrées et sorties")]


def test_after_the_last_short_form_the_page_is_copied_as_it_is() -> None:
    tail = '<p title="CFA">x</p><a href="x">CMQ</a><!-- CMQ --><p>texte &amp; fin</p>\n'
    html, used = marked(f"<p>Le CMQ, le CMQ</p>{tail}")
    assert used == {"cmq"}
    assert html.endswith(f"</abbr></p>{tail}")
    assert len(abbrs(html)) == 2


# -- Escaping ------------------------------------------------------------------------------------


def test_a_hostile_expansion_comes_out_as_text() -> None:
    html, _ = marked("<p>Le XSS puis XSS.</p>")
    page = soup(html)
    assert page.find("script") is None
    assert all(title == HOSTILE for _, title in abbrs(html))
    assert HOSTILE in page.get_text()
    assert "<script>" not in html


def test_the_glossary_link_is_escaped() -> None:
    html, _ = mark_html("<p>CMQ</p>", ACRONYMS, '"><script>x</script>')
    assert soup(html).find("script") is None


# -- Markdown sources: back-references -----------------------------------------------------------


def test_used_lists_the_acronyms_of_a_source() -> None:
    text = (
        "# Le CMQ\n\nLa DO{directrice} et [le CFA](../cfa/) avec l’ESTP.\n\n"
        "`CAP` et <span title=\"CAPEB\" data-x='STI2D'>texte</span> [lien](../CM1/)\n\n"
        "```\nR&D\n```\n\nhttps://example.fr/AMI et ami@CFPPA.fr\n"
    )
    assert ACRONYMS.used(text) == {"cmq", "do", "cfa", "estp"}


# -- Markdown sources: unknown acronyms ----------------------------------------------------------


def test_unknown_reports_tokens_missing_from_the_glossary_with_their_line() -> None:
    text = "Le CMQ et le RICET.\n\nL'UPST, l’UPST et le RICET.\nLe CRITT-BFC.\n"
    assert ACRONYMS.unknown(text) == [(1, "RICET"), (3, "UPST"), (4, "CRITT-BFC")]
    problems = ACRONYMS.problems(text, "campuses/agt.md", first_line=5)
    assert str(problems[0]) == (
        "campuses/agt.md:5: « RICET » ressemble à un sigle absent du glossaire : ajoutez-le "
        "dans content/glossary/ pour qu’il soit expliqué aux lecteurs"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Le CMQ, la CAPEB, la DO{directrice}, le CM1, l’AMI CMA et la R&D.",
        "Au XXIe siècle, tome III, chapitre XIV, Louis XVI.",
        "Voir https://example.fr/RICET ou www.UPST.fr ou ecrire a contact@CRITT.fr.",
        "Du code `RICET` et\n\n```\nUPST\n```\n",
        '<span class="RICET" title="UPST">texte</span> <!-- CRITT -->',
        "[lien](../RICET/) et [ref]: https://x.fr/UPST",
        "## PROGRAMME DE LA JOURNÉE",
        "# L’ÉCOLE DU NUMÉRIQUE",
        "Un A4 et H2020 ou 3D.",
        "Moins de CO2 avec PLASTIVALOIRE.",
        "La couleur #FFFFFF.",
        "Un grand ATELIER : l’atelier commence.",
        "UN DEUX TROIS QUATRE",
        "Le CMQ{x} ne compte que comme clé inconnue.",
    ],
)
def test_unknown_keeps_false_alarms_out(text: str) -> None:
    assert ACRONYMS.unknown(text) == []


def test_unknown_reports_a_few_unknown_acronyms_side_by_side() -> None:
    assert ACRONYMS.unknown("RICET UPST CRITT") == [(1, "RICET"), (1, "UPST"), (1, "CRITT")]
    assert ACRONYMS.unknown("CM1-CM2 et CFA-XYZ") == [(1, "CM2"), (1, "XYZ")]


# -- The Python-Markdown extension ---------------------------------------------------------------


def extension(page: str | None = "/campus/green-city/") -> AbbreviationsExtension:
    ext = AbbreviationsExtension(ACRONYMS)
    ext.set_page(page)
    return ext


def used_by(md: markdown.Markdown) -> frozenset[str]:
    """The slugs the last conversion of ``md`` marked."""
    treeprocessor = md.treeprocessors["cmq_abbreviations"]
    assert isinstance(treeprocessor, AbbreviationsTreeprocessor)
    return treeprocessor.used


def test_the_extension_marks_markdown_and_raw_html_blocks() -> None:
    text = (
        "# Le CMQ de Dijon\n\n"
        "Le CFA{centre} et la R&D.\n\n"
        '<div class="card">\n<p>Le CMQ et la <em>CAPEB</em>.</p>\n</div>\n\n'
        "Un `CAP` en code et [le CAP](../cap/).\n"
    )
    html = markdown.markdown(text, extensions=[extension()])
    page = soup(html)
    h1 = page.find("h1")
    assert h1 is not None and h1.find("abbr") is None
    assert links(html) == [
        (f"{HREF}#cfa", "CFA"),
        (f"{HREF}#r-d", "R&D"),
        (f"{HREF}#cmq", "CMQ"),
        (f"{HREF}#capeb", "CAPEB"),
    ]
    card = page.find("div", class_="card")
    assert card is not None and card.find("a", href=f"{HREF}#cmq") is not None
    assert "R&amp;D</abbr></a> (Recherche et développement)" in html
    assert [code.get_text() for code in page.find_all("code")] == ["CAP"]
    assert [a.get_text() for a in page.find_all("a", href="../cap/")] == ["le CAP"]


def test_headings_keep_their_id_and_table_of_contents_label() -> None:
    # toc runs the postprocessors on each heading's fragment (MkDocs does on the first one for
    # the page title): those runs must not mark, or ids and labels would carry expansions.
    md = markdown.Markdown(extensions=["toc", "attr_list", extension()])
    html = md.convert("## Le CMQ\n\nTexte.\n\n## La DO{directrice}\n")
    tokens = md.toc_tokens  # type: ignore[attr-defined]
    assert [(t["id"], t["name"]) for t in tokens] == [("le-cmq", "Le CMQ"), ("la-do", "La DO")]
    assert "abbr" not in md.toc  # type: ignore[attr-defined]
    headings = soup(html).find_all("h2")
    assert [h["id"] for h in headings] == ["le-cmq", "la-do"]
    assert [h.get_text() for h in headings] == [
        "Le CMQ (Campus des Métiers et des Qualifications)",
        f"La DO ({DO_DIRECTRICE})",
    ]
    assert used_by(md) == {"cmq", "do"}


def test_the_glossary_link_is_relative_to_the_page() -> None:
    text = "Le CMQ."
    for page, href in [
        ("/campus/green-city/", "../../glossaire/#cmq"),
        ("", "glossaire/#cmq"),
        ("agenda/", "../glossaire/#cmq"),
        ("/actions/x/index.html", "../../glossaire/#cmq"),
    ]:
        html = markdown.markdown(text, extensions=[extension(page)])
        link = soup(html).find("a")
        assert link is not None and link["href"] == href, page


def test_a_page_without_url_is_left_unmarked() -> None:
    ext = extension(None)
    md = markdown.Markdown(extensions=[ext])
    # Valid markers are still taken out: readers never see them.
    assert md.convert("Le DO{x}, le DO{directrice}.") == "<p>Le DO{x}, le DO.</p>"
    assert used_by(md) == frozenset()


def test_no_state_leaks_from_one_page_to_the_next() -> None:
    ext = extension()
    first = markdown.markdown("Le CMQ et le CFA.", extensions=[ext])
    ext.set_page("/agenda/forum/")
    second = markdown.markdown("Le CMQ, encore.", extensions=[ext])
    md = markdown.Markdown(extensions=[ext])
    third = md.convert("Le CFA.")
    assert links(first) == [(f"{HREF}#cmq", "CMQ"), (f"{HREF}#cfa", "CFA")]
    assert links(second) == [(f"{HREF}#cmq", "CMQ")]
    assert "(Campus des Métiers et des Qualifications)" in soup(second).get_text()
    assert links(third) == [(f"{HREF}#cfa", "CFA")]
    # The same Markdown instance, reused without reset, starts afresh too.
    assert links(md.convert("Le CFA.")) == [(f"{HREF}#cfa", "CFA")]
    assert used_by(md) == {"cfa"}


def test_inline_raw_html_is_read_where_it_stands() -> None:
    # Python-Markdown stashes each inline tag apart from the text between them: a raw <a> or
    # <code> keeps what follows it unmarked up to its end tag, wherever the tree has that text.
    text = 'Voir <a href="/x/">le CFA</a>, <code>CAP</code>, <span>le CMQ</span> puis le CFA.'
    html = markdown.markdown(text, extensions=[extension()])
    assert links(html) == [(f"{HREF}#cmq", "CMQ"), (f"{HREF}#cfa", "CFA")]
    page = soup(html)
    assert [a.get_text() for a in page.find_all("a", href="/x/")] == ["le CFA"]
    assert [code.get_text() for code in page.find_all("code")] == ["CAP"]


def test_the_first_occurrence_is_the_first_in_document_order() -> None:
    # A raw HTML block before a paragraph is read before it; a character reference written in
    # Markdown (Python-Markdown keeps it aside as « \x02amp\x03 ») is still part of the text.
    text = '<div class="card">\n<p>Le CMQ.</p>\n</div>\n\nLe CMQ et l’AMI&nbsp;CMA.\n'
    html = markdown.markdown(text, extensions=[extension()])
    page = soup(html)
    card = page.find("div", class_="card")
    assert card is not None and card.find("a", href=f"{HREF}#cmq") is not None
    paragraph = page.find_all("p")[-1]
    assert [abbr.get_text() for abbr in paragraph.find_all("abbr")] == ["CMQ", "AMI\u00a0CMA"]
    assert links(str(paragraph)) == [(f"{HREF}#ami-cma", "AMI\u00a0CMA")]
    assert "AMI&nbsp;CMA</abbr>" in html


def test_an_expansion_put_in_is_not_marked_again() -> None:
    acronyms = Acronyms({**GLOSSARY, "ufr-stgi": entry("UFR STGI", "UFR Sciences et Techniques"),
                         "ufr": entry("UFR", "Unité de formation et de recherche")})
    ext = AbbreviationsExtension(acronyms, page_url="/campus/green-city/")
    html = markdown.markdown("L’UFR STGI et l’UFR.", extensions=[ext])
    assert links(html) == [(f"{HREF}#ufr-stgi", "UFR STGI"), (f"{HREF}#ufr", "UFR")]
    assert "</a> (UFR Sciences et Techniques) et" in html


def test_a_marking_goes_on_from_a_template_part_into_the_body_and_after() -> None:
    # The portal's order: the template's part before the body, the body's conversion, the rest.
    marking = Marking(ACRONYMS, HREF)
    before = marking.html("<header><p>Le CMQ de Dijon</p></header>")
    ext = extension()
    ext.begin(marking)
    body = markdown.markdown("Le CMQ et le CFA{centre}.", extensions=[ext])
    after = marking.html("<aside><p>Le CFA, le CAP.</p></aside>")
    assert links(before) == [(f"{HREF}#cmq", "CMQ")]
    assert links(body) == [(f"{HREF}#cfa", "CFA")]
    assert [abbr.get_text() for abbr in soup(body).find_all("abbr")] == ["CMQ", "CFA"]
    assert links(after) == [(f"{HREF}#cap", "CAP")]
    assert marking.seen == {"cmq", "cfa", "cap"}
    # The next conversion is a page of its own again.
    assert links(markdown.markdown("Le CMQ.", extensions=[ext])) == [(f"{HREF}#cmq", "CMQ")]


@pytest.mark.parametrize("remembering", [False, True], ids=["build", "preview"])
def test_a_fragment_marked_piece_by_piece_is_marked_as_a_whole(remembering: bool) -> None:
    # A list's template puts PIECE after each card: each piece is marked (and, in a preview,
    # memoised) after the first occurrences of those before it, and the markers are taken out.
    def cards(*shorts: str) -> list[str]:
        return [f"<li><p>Le {short} et le CMQ.</p></li>" for short in shorts]

    first, second = cards("CFA{centre}", "CAP", "ESTP", "CAP"), cards("ESTP", "CAP", "ESTP", "CAP")
    memos.keep(remembering)
    try:
        for version in (first, second):
            pieced = mark_html("<ul>" + PIECE.join(version) + "</ul>", ACRONYMS, HREF).html
            whole = mark_html("<ul>" + "".join(version) + "</ul>", ACRONYMS, HREF).html
            assert pieced == whole
            assert PIECE not in pieced
        assert bool(_remembered.cache_info().currsize) == remembering
    finally:
        memos.keep(False)
    # The second list's third card comes from the memo of the first list's only if its first
    # occurrences are the same: ESTP is no longer expanded there.
    assert links(pieced) == [
        (f"{HREF}#estp", "ESTP"), (f"{HREF}#cmq", "CMQ"), (f"{HREF}#cap", "CAP")
    ]
