"""Findings' messages in German, for German plans: each English message form with its German wording.

Values, ids, field names and file paths stay as they are; only the words around them change. A message
without a German form here is shown in English (a test runs every bad plan in German to find such gaps).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable

_V = r"'(?P<v>.*)'"  # a quoted value as messages quote it
_OR = r"(?: \(or (?P<o>\S+) if the comma separates thousands\))?"  # the other reading of a number such as 1,250

_FORMS: tuple[tuple[str, str], ...] = (
    (
        rf"^{_V} points outside the plans repo \((?P<repo>.*)\); only files inside it are read$",
        r"'\g<v>' zeigt aus dem Plan-Repository hinaus (\g<repo>); nur Dateien darin werden gelesen",
    ),
    (
        rf"^{_V} is not a PNG, JPEG or SVG image \(its content is (?P<what>.*)\); images are checked by content, not by name$",
        r"'\g<v>' ist kein PNG-, JPEG- oder SVG-Bild (sein Inhalt ist \g<what>); Bilder werden am Inhalt geprüft, nicht am Namen",
    ),
    (rf"^{_V} does not exist \(looked for (?P<where>.*)\)$", r"'\g<v>' gibt es nicht (gesucht: \g<where>)"),
    (
        rf"^{_V} is an absolute path; give a path relative to the plan, inside the plans repo$",
        r"'\g<v>' ist ein absoluter Pfad; gib einen Pfad relativ zum Plan an, im Plan-Repository",
    ),
    (rf"^{_V} is not a valid date \(YYYY-MM-DD\)$", r"'\g<v>' ist kein gültiges Datum (JJJJ-MM-TT)"),
    (
        rf"^{_V} is not a year: years are four-digit numbers such as (?P<y>\d+), without quotes$",
        r"'\g<v>' ist kein Jahr: Jahre sind vierstellige Zahlen wie \g<y>, ohne Anführungszeichen",
    ),
    (
        rf"^{_V} is not a valid id: use lower-case letters, digits, - and _ \(e\.g\. '(?P<e>.*)'\)$",
        r"'\g<v>' ist keine gültige ID: nimm Kleinbuchstaben, Ziffern, - und _ (z. B. '\g<e>')",
    ),
    (
        rf"^{_V} is not an ISO 4217 currency code \((?P<how>three capital letters )?such as (?P<e>.*)\)$",
        r"'\g<v>' ist kein ISO-4217-Währungscode (wie \g<e>)",
    ),
    (
        rf"^{_V} is not one of (?P<list>.*?)(?: \(did you mean '(?P<m>.*)'\?\))?$",
        r"'\g<v>' ist keiner der Werte \g<list>\g<hint>",
    ),
    (
        rf"^{_V} is neither the id of a person in power_map\.people nor the name of a member of account_team; "
        r"add them to account_team or write the name as it stands there$",
        r"'\g<v>' ist weder die ID einer Person in power_map.people noch der Name eines Mitglieds von account_team; "
        r"nimm die Person in account_team auf oder schreibe den Namen, wie er dort steht",
    ),
    (
        rf"^{_V} is not the name of a member of account_team; add them to account_team or write the name as it stands there$",
        r"'\g<v>' ist nicht der Name eines Mitglieds von account_team; nimm die Person in account_team auf oder "
        r"schreibe den Namen, wie er dort steht",
    ),
    (
        rf"^{_V} is not the id of a person in power_map\.people; known ids: (?P<ids>.*)$",
        r"'\g<v>' ist keine ID einer Person in power_map.people; bekannte IDs: \g<ids>",
    ),
    (
        rf"^{_V} is not the id of a person in power_map\.people; did you mean '(?P<m>.*)'\?$",
        r"'\g<v>' ist keine ID einer Person in power_map.people; gemeint ist wohl '\g<m>'",
    ),
    (
        rf"^{_V} is listed twice \(also (?P<p>.*)\); decks and diffs tell items apart by name$",
        r"'\g<v>' steht zweimal in der Liste (auch \g<p>); Decks und Diffs unterscheiden Einträge am Namen",
    ),
    *(
        (
            rf"^(?P<what>{_V} is no (?P<k>\S+) in (?P<t>\S+)|'(?P<c>\[\^.*\])' cites no entry of sources){english}$",
            german,
        )
        for english, german in (
            (r"; did you mean '(?P<m>.*)'\?", r"\g<said>; gemeint ist wohl '\g<m>'"),
            (r"; known: (?P<ids>.*)", r"\g<said>; bekannt: \g<ids>"),
            (r"; there is none yet", r"\g<said>; dort steht noch keiner"),
        )
    ),
    (
        r"^(?P<f>\w+) is (?P<x>\w+): give (?P<n>\w+) too$",
        r"\g<f> ist \g<x>: gib auch \g<n> an",
    ),
    (
        r"^names no source, and kamdoc\.yaml says require_sources: true; add source: with the id of an entry in sources$",
        r"nennt keine Quelle, und kamdoc.yaml verlangt require_sources: true; gib source: mit der ID eines Eintrags "
        r"in sources an",
    ),
    (
        rf"^{_V} is a URL; kamdoc never fetches from the network: put the file beside the plan and name it by its relative path$",
        r"'\g<v>' ist eine URL; kamdoc lädt nie etwas aus dem Netz: lege die Datei neben den Plan und nenne sie mit ihrem relativen Pfad",
    ),
    (
        rf"^{_V} is not a web address: use http:// or https://$",
        r"'\g<v>' ist keine Webadresse: nimm http:// oder https://",
    ),
    (
        rf"^{_V} reports to themselves; leave reports_to out for the top of the tree$",
        r"'\g<v>' berichtet an sich selbst; lass reports_to an der Spitze des Baums weg",
    ),
    (
        r"^(?P<v>\S+) is kept as text here, but other YAML tools read it as a number, date or true/false; put it in quotes: \"(?P<q>.*)\"$",
        r'\g<v> bleibt hier Text, aber andere YAML-Werkzeuge lesen es als Zahl, Datum oder true/false; setze es in Anführungszeichen: "\g<q>"',
    ),
    (
        rf"^{_V} would be read as text, not a number; write (?P<w>\S+){_OR}$",
        r"'\g<v>' würde als Text gelesen, nicht als Zahl; schreib \g<w>\g<ohint>",
    ),
    (
        rf"^{_V} would be read as (?P<n>\S+) and a second entry (?P<e>\S+); write (?P<w>\S+){_OR}$",
        r"'\g<v>' würde als \g<n> und ein zweiter Eintrag \g<e> gelesen; schreib \g<w>\g<ohint>",
    ),
    (
        rf"^{_V} would be read as (?P<n>\S+); write (?P<w>\S+){_OR}$",
        r"'\g<v>' würde als \g<n> gelesen; schreib \g<w>\g<ohint>",
    ),
    (rf"^{_V} is not a whole number; write (?P<w>-?\d+)$", r"'\g<v>' ist keine ganze Zahl; schreib \g<w>"),
    (
        rf"^{_V} is not a whole number; write a whole number such as (?P<w>-?\d+)$",
        r"'\g<v>' ist keine ganze Zahl; schreib eine ganze Zahl wie \g<w>",
    ),
    (
        r"^the format number is 1 \(write `kamdoc: 1`\), got (?P<what>.*)$",
        r"die Formatnummer ist 1 (schreib `kamdoc: 1`), gefunden: \g<what>",
    ),
    (
        r"^lists or quotes nest deeper than (?P<n>\d+) levels here; from this line on the deck shows the text flattened: nest less$",
        r"Listen oder Zitate sind hier tiefer als \g<n> Ebenen verschachtelt; ab dieser Zeile zeigt die Folie den Text flach: verschachtle weniger",
    ),
    (
        r"^the theme's fonts have no glyph for (?P<c>.*?)(?: and (?P<n>\d+) more)?; the deck shows such characters as empty boxes: use a theme whose fonts have them \(theme\.yaml, font:\)$",
        r"die Schriften des Themes haben kein Zeichen für \g<c>\g<more>; die Folien zeigen solche Zeichen als leere Kästchen: nimm ein Theme, dessen Schriften sie haben (theme.yaml, font:)",
    ),
    # YAML syntax errors (load/yaml_errors.py): what is wrong and how to write it.
    (
        r"^a tab: YAML indents with spaces only; replace the tab with spaces \(most editors can turn tabs into spaces\)$",
        r"ein Tabulator: YAML rückt nur mit Leerzeichen ein; ersetze den Tabulator durch Leerzeichen (die meisten Editoren wandeln Tabulatoren in Leerzeichen um)",
    ),
    (
        r"^a value cannot start with (?P<c>'.+?') in YAML: put the value in quotes, as in (?P<x>`.*`)$",
        r"ein Wert kann in YAML nicht mit \g<c> beginnen: setze ihn in Anführungszeichen, etwa \g<x>",
    ),
    (
        r"^a value cannot start with (?P<c>'.+?') in YAML: put the value in quotes$",
        r"ein Wert kann in YAML nicht mit \g<c> beginnen: setze ihn in Anführungszeichen",
    ),
    (
        r"^the quote (?P<q>.) opened here is never closed: end the value with (?P=q) on the same line, as in (?P<x>`.*`)$",
        r"das hier geöffnete Anführungszeichen \g<q> wird nie geschlossen: beende den Wert in derselben Zeile mit \g<q>, etwa \g<x>",
    ),
    (
        r"^a backslash in double quotes starts an escape that YAML does not know here: write the character itself, double the backslash \(\\\\\), or use single quotes$",
        r"ein Backslash in doppelten Anführungszeichen beginnt hier eine Escape-Folge, die YAML nicht kennt: schreib das Zeichen selbst, verdopple den Backslash (\\) oder nimm einfache Anführungszeichen",
    ),
    (
        r"^the list opened here with (?P<o>.) is never closed: end it with (?P<c>.) on the same line, or put the value in quotes if the (?P=o) belongs to the text$",
        r"die hier mit \g<o> geöffnete Liste wird nie geschlossen: schließe sie in derselben Zeile mit \g<c>, oder setze den Wert in Anführungszeichen, wenn \g<o> zum Text gehört",
    ),
    (
        r"^the mapping opened here with (?P<o>.) is never closed: end it with (?P<c>.) on the same line, or put the value in quotes if the (?P=o) belongs to the text$",
        r"die hier mit \g<o> geöffnete Zuordnung wird nie geschlossen: schließe sie in derselben Zeile mit \g<c>, oder setze den Wert in Anführungszeichen, wenn \g<o> zum Text gehört",
    ),
    (
        r"^this line is indented further than the one above, which already has its value: indent (?P<a>`.*`) like (?P<b>`.*`)$",
        r"diese Zeile ist weiter eingerückt als die darüber, die schon ihren Wert hat: rücke \g<a> ein wie \g<b>",
    ),
    (
        r"^the value holds a colon followed by a space, which YAML reads as the start of another key: put the whole value in quotes, as in (?P<x>`.*`)$",
        r"der Wert enthält einen Doppelpunkt mit Leerzeichen danach, den YAML als Beginn eines weiteren Schlüssels liest: setze den ganzen Wert in Anführungszeichen, etwa \g<x>",
    ),
    (
        r"^a key needs a space after its colon: write (?P<x>`.*`)$",
        r"nach dem Doppelpunkt eines Schlüssels gehört ein Leerzeichen: schreib \g<x>",
    ),
    (
        r"^(?P<x>`.*`) is neither `key: value` nor `- item`: add the key and a colon, start a list item with `- `, or join it to the line above if it goes on with that value$",
        r"\g<x> ist weder `Schlüssel: Wert` noch `- Eintrag`: ergänze den Schlüssel und einen Doppelpunkt, beginne einen Listeneintrag mit `- `, oder hänge die Zeile an die darüber, wenn sie deren Wert fortsetzt",
    ),
    (
        r"^a list item needs a space after its dash: write (?P<x>`.*`)$",
        r"nach dem Bindestrich eines Listeneintrags gehört ein Leerzeichen: schreib \g<x>",
    ),
    (
        r"^a list item where the keys of a mapping stand: give the list a key of its own \(`items:`\) on the line above, with the items indented under it$",
        r"ein Listeneintrag, wo die Schlüssel einer Zuordnung stehen: gib der Liste in der Zeile darüber einen eigenen Schlüssel (`items:`) und rücke die Einträge darunter ein",
    ),
    (
        r"^this list item is not indented like the items above it: start each `- ` in the same column$",
        r"dieser Listeneintrag ist nicht eingerückt wie die Einträge darüber: beginne jedes `- ` in derselben Spalte",
    ),
    (
        r"^after \| or > nothing may follow on the same line \(but \+ or -\): start the text on the next line, indented$",
        r"nach | oder > darf in derselben Zeile nichts folgen (außer + oder -): beginne den Text in der nächsten Zeile, eingerückt",
    ),
    (
        r"^text after the closing quote: put the whole value inside the quotes, or leave the quotes out$",
        r"Text nach dem schließenden Anführungszeichen: setze den ganzen Wert in die Anführungszeichen oder lass sie weg",
    ),
    (
        r"^this line's indentation does not fit the lines above: indent it like (?P<x>`.*`) above \(each level by the same number of spaces\)$",
        r"die Einrückung dieser Zeile passt nicht zu den Zeilen darüber: rücke sie ein wie \g<x> darüber (jede Ebene um gleich viele Leerzeichen)",
    ),
    (
        r"^this line's indentation does not fit the lines above: indent it \(each level by the same number of spaces\)$",
        r"die Einrückung dieser Zeile passt nicht zu den Zeilen darüber: rücke sie passend ein (jede Ebene um gleich viele Leerzeichen)",
    ),
    (
        r"^(?P<c>'.*') starts a comment, so the value ends before it as (?P<w>'.*'); if it belongs to the value, put the whole value in quotes \(a comment has a space after its #\)$",
        r"\g<c> beginnt einen Kommentar, der Wert endet also davor als \g<w>; gehört es zum Wert, setze den ganzen Wert in Anführungszeichen (ein Kommentar hat ein Leerzeichen nach seinem #)",
    ),
    (r"^the file is not UTF-8 text \(save it as UTF-8\)$", r"die Datei ist kein UTF-8-Text (speichere sie als UTF-8)"),
    (r"^the file is empty; a plan starts with `kamdoc: 1`$", r"die Datei ist leer; ein Plan beginnt mit `kamdoc: 1`"),
    (
        r"^a plan file holds one YAML document; remove the second `---` and what follows$",
        r"eine Plandatei enthält ein YAML-Dokument; entferne das zweite `---` und was folgt",
    ),
    (r"^YAML syntax error: (?P<x>.*)$", r"YAML-Syntaxfehler (in den Worten des Parsers): \g<x>"),
    (
        r"^YAML aliases \((?P<a>.*)\) are not allowed in a plan; write the value out$",
        r"YAML-Aliase (\g<a>) sind in einem Plan nicht erlaubt; schreib den Wert aus",
    ),
    (
        r"^YAML anchors \((?P<a>.*)\) are not allowed in a plan; write each value out$",
        r"YAML-Anker (\g<a>) sind in einem Plan nicht erlaubt; schreib jeden Wert aus",
    ),
    (
        r"^YAML merge keys \(<<\) are not allowed in a plan; write each field out$",
        r"YAML-Merge-Keys (<<) sind in einem Plan nicht erlaubt; schreib jedes Feld aus",
    ),
    (r"^YAML syntax error: (?P<e>.*)$", r"YAML-Syntaxfehler: \g<e>"),
    (
        r"^YAML tags \((?P<t>.*)\) are not allowed in a plan; remove the tag$",
        r"YAML-Tags (\g<t>) sind in einem Plan nicht erlaubt; entferne das Tag",
    ),
    (
        rf"^{_V} reports through (?P<n>[\d,]+) levels to the top \('(?P<t>.*)'\); at most (?P<m>[\d,]+) are allowed: let them report to someone higher up$",
        r"'\g<v>' berichtet über \g<n> Ebenen an die Spitze ('\g<t>'); höchstens \g<m> sind erlaubt: lass die Person an jemanden weiter oben berichten",
    ),
    (
        r"^(?P<n>[\d,]+) people; a plan holds at most (?P<m>[\d,]+): keep those that matter for the account$",
        r"\g<n> Personen; ein Plan fasst höchstens \g<m>: behalte die, die für den Account zählen",
    ),
    (
        r"^(?P<n>[\d,]+) links; a plan holds at most (?P<m>[\d,]+): keep those that matter for the account$",
        r"\g<n> Beziehungen; ein Plan fasst höchstens \g<m>: behalte die, die für den Account zählen",
    ),
    (
        r"^a goal without a (?P<f>deadline|metric|target) is not SMART: add '(?P<k>.*)'$",
        r"ein Ziel ohne \g<de> ist nicht SMART: ergänze '\g<k>'",
    ),
    (
        r"^a plan has at most 5 goals \(the top five\), found (?P<n>\d+); keep the most important$",
        r"ein Plan hat höchstens 5 Ziele (die Top 5), gefunden: \g<n>; behalte die wichtigsten",
    ),
    (
        r"^a plan needs at least one goal \(the top five goals, SMART\)$",
        r"ein Plan braucht mindestens ein Ziel (die Top-5-Ziele, SMART)",
    ),
    (
        r"^an approved plan should say when it is reviewed next: add next_review$",
        r"ein freigegebener Plan sollte sagen, wann er das nächste Mal geprüft wird: ergänze next_review",
    ),
    (
        r"^at most 3 customer goals \(their top three\), found (?P<n>\d+)$",
        r"höchstens 3 Kundenziele (seine Top 3), gefunden: \g<n>",
    ),
    (
        r"^control character (?P<c>U\+[0-9A-F]+) is not allowed in a plan; remove it$",
        r"das Steuerzeichen \g<c> ist in einem Plan nicht erlaubt; entferne es",
    ),
    (
        r"^duplicate (?P<what>goal id|id) '(?P<v>.*)': (?P<first>.*) \(line (?P<l>\d+)\) has it already; ids are unique$",
        r"doppelte ID '\g<v>': \g<first> (Zeile \g<l>) hat sie schon; IDs sind eindeutig",
    ),
    (
        r"^duplicate key '(?P<k>.*)' \(first given on line (?P<l>\d+)\); keep one$",
        r"doppelter Schlüssel '\g<k>' (zuerst in Zeile \g<l>); behalte einen",
    ),
    (
        r"^expected Markdown text, or \{file: name\.md\} to pull it in from a file beside the plan$",
        r"erwartet: Markdown-Text oder {file: name.md}, um ihn aus einer Datei neben dem Plan zu holen",
    ),
    (
        r"^expected a date \(YYYY-MM-DD\), got the text '(?P<v>.*)'; write (?P<a>\S+) or (?P<b>\S+)$",
        r"erwartet: ein Datum (JJJJ-MM-TT), gefunden: der Text '\g<v>'; schreib \g<a> oder \g<b>",
    ),
    (
        r"^expected a date \(YYYY-MM-DD\), got the text '(?P<v>.*)'; write (?P<a>\S+)$",
        r"erwartet: ein Datum (JJJJ-MM-TT), gefunden: der Text '\g<v>'; schreib \g<a>",
    ),
    (
        r"^expected a date \(YYYY-MM-DD\), got the number (?P<y>\d{4}); write (?P=y)-12-31 if the year's end is meant$",
        r"erwartet: ein Datum (JJJJ-MM-TT), gefunden: die Zahl \g<y>; schreib \g<y>-12-31, wenn das Jahresende gemeint ist",
    ),
    (
        r"^expected a date \(YYYY-MM-DD\), got the text '(?P<v>.*)'$",
        r"erwartet: ein Datum (JJJJ-MM-TT), gefunden: der Text '\g<v>'",
    ),
    (
        r"^expected a number, got the text '(?P<v>.*)'; write the number alone, without quotes, unit or thousands separators$",
        r"erwartet: eine Zahl, gefunden: der Text '\g<v>'; schreib die Zahl allein, ohne Anführungszeichen, Einheit oder Tausendertrennzeichen",
    ),
    (r"^expected text, got (?P<what>.*)$", r"erwartet: Text, gefunden: \g<what>"),
    (
        r"^expected true or false, got the text '(?P<v>.*)'; write true or false$",
        r"erwartet: true oder false, gefunden: der Text '\g<v>'; schreib true oder false",
    ),
    (r"^give at least one planned year, e\.g\. (?P<e>.*)$", r"gib mindestens ein Planjahr an, z. B. \g<e>"),
    (r"^give at least one role \((?P<list>.*)\)$", r"gib mindestens eine Rolle an (\g<list>)"),
    (
        r"^kamdoc\.yaml names (?P<n>\d+) selection criteria \((?P<c>.*)\) and this plan scores none, so the portfolio cannot place the account: add `assessment:` with `scores:`, one line per criterion, such as (?P<e>`.*`)$",
        r"kamdoc.yaml nennt \g<n> Auswahlkriterien (\g<c>) und dieser Plan bewertet keines, daher kann das Portfolio den Kunden nicht einordnen: ergänze `assessment:` mit `scores:`, eine Zeile je Kriterium, etwa \g<e>",
    ),
    (
        r"^(?P<x>'.*') is not a criterion in kamdoc\.yaml \(portfolio\.criteria\): one of (?P<y>.*?)(?: \(did you mean (?P<z>'.*')\?\))?$",
        r"\g<x> ist kein Kriterium in kamdoc.yaml (portfolio.criteria): eines von \g<y>\g<zhint>",
    ),
    (
        r"^(?P<x>'.*') is not a knock-out criterion in kamdoc\.yaml \(portfolio\.knock_outs\): one of (?P<y>.*?)(?: \(did you mean (?P<z>'.*')\?\))?$",
        r"\g<x> ist kein K.-o.-Kriterium in kamdoc.yaml (portfolio.knock_outs): eines von \g<y>\g<zhint>",
    ),
    (
        r"^kamdoc\.yaml has no portfolio\.(?P<k>criteria|knock_outs), so these are neither checked nor used; add them there$",
        r"kamdoc.yaml hat keine portfolio.\g<k>, daher werden diese weder geprüft noch verwendet; ergänze sie dort",
    ),
    (
        r"^no person in the power map has the role decision-maker: who signs off\?$",
        r"keine Person in der Power-Map hat die Rolle decision-maker: wer unterschreibt?",
    ),
    (
        r"^planned year (?P<y>\d+) is not after the last actual year (?P<l>\d+); a year is either actual or planned$",
        r"das Planjahr \g<y> liegt nicht nach dem letzten Ist-Jahr \g<l>; ein Jahr ist entweder Ist oder Plan",
    ),
    (
        r"^reporting lines form a cycle: (?P<c>.*); one of them must report elsewhere or to no one$",
        r"die Berichtslinien bilden einen Kreis: \g<c>; eine der Personen muss an jemand anderen oder an niemanden berichten",
    ),
    (r"^required field '(?P<f>.*)' is missing$", r"das Pflichtfeld '\g<f>' fehlt"),
    (r"^required section '(?P<s>.*)' is missing$", r"der Pflichtabschnitt '\g<s>' fehlt"),
    (rf"^still holds the placeholder {_V}; fill it in$", r"enthält noch den Platzhalter '\g<v>'; bitte ausfüllen"),
    (
        r"^the deadline (?P<d>\S+) lies before the plan's version date (?P<v>\S+)$",
        r"der Termin \g<d> liegt vor dem Versionsdatum des Plans \g<v>",
    ),
    (
        r"^the mission looks (?P<n>\d+) years? ahead of the version \((?P<y>\d+)\); a mission looks 3 to 5 years ahead$",
        r"die Mission blickt \g<n> Jahr(e) über die Version (\g<y>) hinaus; eine Mission blickt 3 bis 5 Jahre voraus",
    ),
    (
        r"^the number (?P<n>\S+) is negative; amounts are not negative$",
        r"die Zahl \g<n> ist negativ; Beträge sind nicht negativ",
    ),
    (
        r"^the number (?P<n>\S+) is not a percentage from 0 to 100$",
        r"die Zahl \g<n> ist kein Prozentwert von 0 bis 100",
    ),
    (
        r"^the number (?P<n>\S+) is outside the attitude scale from -2 to \+2$",
        r"die Zahl \g<n> liegt außerhalb der Einstellungsskala von -2 bis +2",
    ),
    (
        r"^the number (?P<n>\S+) is not a finite number; write an amount such as 1200$",
        r"die Zahl \g<n> ist keine endliche Zahl; schreib einen Betrag wie 1200",
    ),
    (
        r"^the owners' shares add up to (?P<p>.*) %; together they hold at most 100 %$",
        r"die Anteile der Eigentümer ergeben \g<p> %; zusammen halten sie höchstens 100 %",
    ),
    (
        r"^the review was due on (?P<d>\S+); review the plan and set a new date$",
        r"die Prüfung war am \g<d> fällig; prüfe den Plan und setze ein neues Datum",
    ),
    (
        r"^the text has (?P<n>[\d,]+) characters; at most (?P<m>[\d,]+) are allowed \(move long prose to a file with \{file: name\.md\}\)$",
        r"der Text hat \g<n> Zeichen; höchstens \g<m> sind erlaubt (lange Texte in eine Datei mit {file: name.md} auslagern)",
    ),
    (
        r"^this plan is written in format (?P<f>\S+); this kamdoc reads format 1: upgrade kamdoc$",
        r"dieser Plan ist in Format \g<f> geschrieben; dieses kamdoc liest Format 1: aktualisiere kamdoc",
    ),
    (
        r"^the actual of (?P<y>\d+) is an estimate \(the planned figure kamdoc rollover carried over\); put in controlling's number and take (?P=y) off estimated$",
        r"der Ist-Wert \g<y> ist eine Schätzung (die von kamdoc rollover übernommene Planzahl); trage die Zahl des Controllings ein und nimm \g<y> aus estimated",
    ),
    (
        r"^(?P<y>\d+) is not an actual year of this product; list only years under actual$",
        r"\g<y> ist kein Ist-Jahr dieses Produkts; nenne nur Jahre unter actual",
    ),
    (r"^unknown field '(?P<f>.*)'; did you mean '(?P<m>.*)'\?$", r"unbekanntes Feld '\g<f>'; gemeint ist wohl '\g<m>'"),
    (r"^unknown field '(?P<f>.*)'; allowed here: (?P<a>.*)$", r"unbekanntes Feld '\g<f>'; erlaubt sind hier: \g<a>"),
    # The organisation's rules (kamdoc.yaml's `rules:`).
    (
        r"^a (?P<l>\w+) partnership, and kamdoc\.yaml's rule sponsor_for asks for an executive sponsor: mark one account_team member with sponsor: true$",
        r"Partnerschaft \g<l>, und die Regel sponsor_for in kamdoc.yaml verlangt einen Executive Sponsor: kennzeichne ein Mitglied des account_team mit sponsor: true",
    ),
    (
        r"^relationship coverage is (?P<p>\d+) %, and kamdoc\.yaml's rule min_coverage asks for at least (?P<m>\d+) %: close the gaps of (?P<n>.*) \(kamdoc health names them\)$",
        r"die Beziehungsabdeckung ist \g<p> %, und die Regel min_coverage in kamdoc.yaml verlangt mindestens \g<m> %: schließe die Lücken bei \g<n> (kamdoc health nennt sie)",
    ),
    (
        r"^names no source, and kamdoc\.yaml's rule kpi_source asks every key figure for one; add source: with the id of an entry in sources$",
        r"nennt keine Quelle, und die Regel kpi_source in kamdoc.yaml verlangt eine für jede Kennzahl; gib source: mit der ID eines Eintrags in sources an",
    ),
    (
        r"^the plan's version is (?P<d>\d+) days old, and kamdoc\.yaml's rule max_plan_age allows (?P<a>\d+) ?days?: review the plan and give it a new version$",
        r"die Version des Plans ist \g<d> Tage alt, und die Regel max_plan_age in kamdoc.yaml erlaubt \g<a> Tage: prüfe den Plan und gib ihm eine neue Version",
    ),
    (
        r"^the plan's version is (?P<d>\d+) days old, and kamdoc\.yaml's rule max_plan_age allows (?P<a>\d+) ?weeks?: review the plan and give it a new version$",
        r"die Version des Plans ist \g<d> Tage alt, und die Regel max_plan_age in kamdoc.yaml erlaubt \g<a> Wochen: prüfe den Plan und gib ihm eine neue Version",
    ),
    (
        r"^the plan's version is (?P<d>\d+) days old, and kamdoc\.yaml's rule max_plan_age allows (?P<a>\d+) ?months?: review the plan and give it a new version$",
        r"die Version des Plans ist \g<d> Tage alt, und die Regel max_plan_age in kamdoc.yaml erlaubt \g<a> Monate: prüfe den Plan und gib ihm eine neue Version",
    ),
    (
        r"^the plan's version is (?P<d>\d+) days old, and kamdoc\.yaml's rule max_plan_age allows (?P<a>\d+) ?years?: review the plan and give it a new version$",
        r"die Version des Plans ist \g<d> Tage alt, und die Regel max_plan_age in kamdoc.yaml erlaubt \g<a> Jahre: prüfe den Plan und gib ihm eine neue Version",
    ),
    (
        r"^(?P<n>\d+) (?P<l>\w+) accounts?, and the rule allows at most (?P<m>\d+): (?P<p>.*)$",
        r"\g<n> Accounts mit Partnerschaft \g<l>, und die Regel erlaubt höchstens \g<m>: \g<p>",
    ),
    (
        rf"^{_V} is listed twice and says (?P<a>\S+) and (?P<b>\S+) for (?P<y>\d+): give one figure$",
        r"'\g<v>' steht zweimal da und nennt für \g<y> \g<a> und \g<b>: gib eine Zahl an",
    ),
    (
        rf"^{_V} has the volume (?P<a>\S+) here and the size (?P<b>\S+) in position\.(?P<w>won|lost): give the same figure$",
        r"'\g<v>' hat hier das Volumen \g<a> und in position.\g<w> die Größe \g<b>: gib dieselbe Zahl an",
    ),
    (
        r"^the power map gives (?P<p>\S+)'s contact as (?P<a>\S+), the relationship plan as (?P<b>\S+): give the same$",
        r"die Power-Map gibt den Kontakt mit \g<p> als \g<a> an, der Beziehungsplan als \g<b>: gib denselben an",
    ),
    (
        r"^the power map gives (?P<p>\S+)'s owner as '(?P<a>.*)', the relationship plan as '(?P<b>.*)': give the same$",
        r"die Power-Map nennt für \g<p> '\g<a>' als Verantwortlichen, der Beziehungsplan '\g<b>': gib denselben an",
    ),
)

_CONFIG_FORMS: tuple[tuple[str, str], ...] = (
    (
        r"^kamdoc\.yaml is a mapping of settings \((?P<k>.*)\)$",
        r"kamdoc.yaml ist eine Zuordnung von Einstellungen (\g<k>)",
    ),
    (
        r"^expected a mapping of settings \(see (?P<d>.*)\)$",
        r"erwartet wird eine Zuordnung von Einstellungen (siehe \g<d>)",
    ),
    (r"^unknown setting (?P<k>'.*'); known: (?P<l>.*)$", r"unbekannte Einstellung \g<k>; bekannt sind: \g<l>"),
    (r"^unknown setting; known: (?P<l>.*)$", r"unbekannte Einstellung; bekannt sind: \g<l>"),
    (r"^expected true or false, got (?P<v>.*)$", r"erwartet wird true oder false, nicht \g<v>"),
    (
        r"^expected a whole number from (?P<a>-?\d+) to (?P<b>-?\d+), got (?P<v>.*)$",
        r"erwartet wird eine ganze Zahl von \g<a> bis \g<b>, nicht \g<v>",
    ),
    (r"^expected text, e\.g\. (?P<e>.*)$", r"erwartet wird Text, z. B. \g<e>"),
    (r"^expected text$", r"erwartet wird Text"),
    (r"^expected a list$", r"erwartet wird eine Liste"),
    (r"^expected a mapping$", r"erwartet wird eine Zuordnung"),
    (r"^expected a mapping of rules, e\.g\. (?P<e>.*)$", r"erwartet wird eine Zuordnung von Regeln, z. B. \g<e>"),
    (
        r"^(?P<v>.*) is no folder name \(empty, too long, or with control characters\)$",
        r"\g<v> ist kein Ordnername (leer, zu lang oder mit Steuerzeichen)",
    ),
    (
        r"^(?P<v>.*) is outside the repository \(or in \.git/\); kamdoc\.yaml may come from a pull request, so it names "
        r"folders inside the repository only\. A person can name another one on the command line \((?P<o>.*)\)\.$",
        r"\g<v> liegt außerhalb des Repositorys (oder in .git/); kamdoc.yaml kann aus einem Pull-Request stammen und nennt "
        r"darum nur Ordner im Repository. Einen anderen nennt man auf der Kommandozeile (\g<o>).",
    ),
    (r"^missing; it is required$", r"fehlt; die Angabe ist nötig"),
    (
        r"^(?P<v>.*) is out of range: give a number more than (?P<b>.*)$",
        r"\g<v> liegt außerhalb des Bereichs: gib eine Zahl über \g<b> an",
    ),
    (
        r"^(?P<v>.*) is out of range: give a number at least (?P<b>.*)$",
        r"\g<v> liegt außerhalb des Bereichs: gib eine Zahl ab \g<b> an",
    ),
    (
        r"^(?P<v>.*) is out of range: give a number at most (?P<b>.*)$",
        r"\g<v> liegt außerhalb des Bereichs: gib eine Zahl bis \g<b> an",
    ),
    (
        r"^(?P<v>.*) is out of range: give a number less than (?P<b>.*)$",
        r"\g<v> liegt außerhalb des Bereichs: gib eine Zahl unter \g<b> an",
    ),
    (
        r"^(?P<v>.*) is no user or team: write @name or @organisation/team, as CODEOWNERS does$",
        r"\g<v> ist weder Person noch Team: schreib @name oder @organisation/team, wie in CODEOWNERS",
    ),
    (
        r"^(?P<v>.*) is no plan folder: give the folder's path from the repository's top, e\.g\. (?P<e>.*)$",
        r"\g<v> ist kein Planordner: gib den Pfad des Ordners ab der Wurzel des Repositorys an, z. B. \g<e>",
    ),
    (
        r"^(?P<v>.*) is no id: use lowercase letters, digits, - and _$",
        r"\g<v> ist keine ID: nimm Kleinbuchstaben, Ziffern, - und _",
    ),
    (
        r"^(?P<v>.*) is no currency code: use three capital letters, such as EUR or USD$",
        r"\g<v> ist kein Währungscode: nimm drei Großbuchstaben wie EUR oder USD",
    ),
    (r"^(?P<v>.*) is not a whole number$", r"\g<v> ist keine ganze Zahl"),
    (r"^(?P<v>.*) is not a number$", r"\g<v> ist keine Zahl"),
    (r"^at most (?P<n>\d+) entries$", r"höchstens \g<n> Einträge"),
    (
        r"^unknown rule; did you mean (?P<m>\w+)\?; known: (?P<l>.*)$",
        r"unbekannte Regel; gemeint ist wohl \g<m>; bekannt sind: \g<l>",
    ),
    (r"^unknown rule; known: (?P<l>.*)$", r"unbekannte Regel; bekannt sind: \g<l>"),
    (
        r"^give (?P<x>\d+) to (?P<y>\d+) criteria \(there are (?P<z>\d+)\)$",
        r"gib \g<x> bis \g<y> Kriterien an (es sind \g<z>)",
    ),
    (
        r"^duplicate criterion id (?P<x>.*); ids are unique$",
        r"die id \g<x> steht bei zwei Kriterien; jede id gibt es nur einmal",
    ),
    (
        r"^duplicate knock-out id (?P<x>.*); ids are unique$",
        r"die id \g<x> steht bei zwei K.-o.-Kriterien; jede id gibt es nur einmal",
    ),
    (
        r"^(?P<x>'.*') is not a field of a plan; did you mean (?P<y>.*)\?$",
        r"\g<x> ist kein Feld eines Plans; gemeint ist wohl \g<y>",
    ),
    (
        r"^(?P<x>'.*') is not a field of a plan; name a field of the plan, e\.g\. (?P<y>.*)$",
        r"\g<x> ist kein Feld eines Plans; nenne ein Feld des Plans, z. B. \g<y>",
    ),
    (
        r"^(?P<v>.*) is no parameter of this rule: write e\.g\. sponsor_for: \[strategic\] \(.*\)$",
        r"\g<v> ist kein Parameter dieser Regel: schreib z. B. sponsor_for: [strategic] (Accounts dieser Partnerschaftsstufen (assessment.partnership) nennen einen Executive Sponsor: ein Mitglied des account_team mit `sponsor: true`.)",
    ),
    (
        r"^(?P<v>.*) is no parameter of this rule: write e\.g\. min_coverage: 70 \(.*\)$",
        r"\g<v> ist kein Parameter dieser Regel: schreib z. B. min_coverage: 70 (Die Beziehungsabdeckung der Schlüsselpersonen beträgt mindestens so viel Prozent.)",
    ),
    (
        r"^(?P<v>.*) is no parameter of this rule: write e\.g\. max_accounts: \{strategic: 25\} \(.*\)$",
        r"\g<v> ist kein Parameter dieser Regel: schreib z. B. max_accounts: {strategic: 25} (Höchstens so viele Accounts einer Partnerschaftsstufe, über alle gemeinsam geprüften Pläne.)",
    ),
    (
        r"^(?P<v>.*) is no parameter of this rule: write e\.g\. kpi_source: required \(.*\)$",
        r"\g<v> ist kein Parameter dieser Regel: schreib z. B. kpi_source: required (Jede Kennzahl des Profils (profile.kpis) nennt ihre Quelle.)",
    ),
    (
        r"^(?P<v>.*) is no parameter of this rule: write e\.g\. max_plan_age: 6 months \(.*\)$",
        r"\g<v> ist kein Parameter dieser Regel: schreib z. B. max_plan_age: 6 months (Die cover.version des Plans ist nicht älter als das (days, weeks, months oder years).)",
    ),
    (
        r"^(?P<v>.*) is no parameter of this rule: write e\.g\. consistent_figures: true \(.*\)$",
        r"\g<v> ist kein Parameter dieser Regel: schreib z. B. consistent_figures: true (Eine zweimal geschriebene Zahl stimmt mit sich überein: eine Kennzahl zweimal für ein Jahr, das Volumen eines Projekts in key_projects und bei den gewonnenen oder verlorenen Projekten, Kontakt und Verantwortlicher einer Person in der Power-Map und im Beziehungsplan.)",
    ),
    (
        r"^(?P<v>.*) is no parameter of this rule: write e\.g\. (?P<e>.*)$",
        r"\g<v> ist kein Parameter dieser Regel: schreib z. B. \g<e>",
    ),
)
"""kamdoc.yaml's own messages (its settings, `portfolio:`, `coverage:`, `rules:`, owners and approvers), in a repository
whose kamdoc.yaml says `language: de`."""


@functools.cache
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The forms' patterns, compiled when the first message is put into German: a render with nothing to say pays nothing."""
    return tuple((re.compile(english, re.S), german) for english, german in (*_FORMS, *_CONFIG_FORMS))


_LOCATED_LINE = re.compile(r"^(?P<where>.*?: error: )(?P<field>[\w.\[\]-]+: )?(?P<said>.*)$", re.S)


def located_in_german(text: str) -> str:
    """Lines such as `kamdoc.yaml:7:5: error: portfolio.review_months: …` with each message in German; the place and
    the setting's path stay."""
    out = []
    for line in text.split("\n"):
        match = _LOCATED_LINE.match(line)
        out.append(f"{match['where']}{match['field'] or ''}{in_german(match['said'])}" if match else line)
    return "\n".join(out)


_GOAL_PARTS = {"deadline": "Termin", "metric": "Messgröße", "target": "Zielwert"}


def in_german(message: str) -> str:
    """A finding's message in German, or as it is when it has no German form yet."""
    if message.startswith("image '"):  # a Markdown image: the same forms as a logo's, about a picture in the text
        rest = in_german(message[len("image ") :])
        return f"Bild {rest}" if rest != message[len("image ") :] else message
    for pattern, german in _compiled():
        match = pattern.match(message)
        if match is None:
            continue
        groups = match.groupdict()
        extra = {
            "hint": f" (gemeint ist wohl '{groups['m']}')" if groups.get("m") and "hint" in german else "",
            "zhint": f" (gemeint ist wohl {groups['z']})" if groups.get("z") else "",
            "de": _GOAL_PARTS.get(groups.get("f") or "", ""),
            "more": f" und {groups['n']} weitere" if groups.get("n") else "",
            "ohint": f" (oder {groups['o']}, wenn das Komma Tausender trennt)" if groups.get("o") else "",
            "said": (
                f"'{groups['c']}' nennt keinen Eintrag in sources"
                if groups.get("c")
                else f"'{groups.get('v')}' steht nicht in {groups.get('t')} (als {groups.get('k')})"
            ),
        }
        return re.sub(
            r"\\g<(\w+)>",
            lambda m: str(groups.get(m.group(1)) if groups.get(m.group(1)) is not None else extra.get(m.group(1), "")),
            german,
        )
    return message


def has_german(message: str) -> bool:
    """Whether a message has a German form."""
    return in_german(message) != message


def most_spoken(languages: Iterable[str]) -> str:
    """The language most of these are (English on a tie or without any): a report's frame speaks it."""
    counted = Counter(languages)
    return "de" if counted["de"] > counted["en"] else "en"


def counted(count: int, one: str, many: str) -> str:
    """A count with its noun in the right number: "1 plan", "2 plans", "1 Fehler"."""
    return f"{count} {one if count == 1 else many}"
