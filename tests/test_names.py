"""Names in the text people write, each case a document run through the installed `brief
extract`: a marked span `[text]{type}` must come out as a mention of that type with exactly
those offsets, `[text]{-}` must be no person, place or organisation at all, and
`[text]{-date}` must hold no mention of that type."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from test_expressions import brief_command

_MARK = re.compile(r"\[([^\]]+)\]\{([a-z-]+)\}")

# (id, marked text). Each case is a document of its own.
CASES = [
    # Datelines: the place a story was filed from, however the model read it.
    ("dateline-iso", "SOCCER - DUTCH RESULTS .\n[BELGRADE]{place} 1996-08-30\nRed Star won .\n"),
    (
        "dateline-iso-two-words",
        "TENNIS - RESULTS .\n[MONTE CARLO]{place} 1996-08-30\nSeles won .\n",
    ),
    (
        "capitals-headline-three-word-city",
        "CARNIVAL DRAWS CROWDS TO [RIO DE JANEIRO]{place} .\n[RIO DE JANEIRO]{place} 1996-08-31\n"
        "Millions danced on Saturday .\n",
    ),
    (
        "standings-team-named-for-a-two-word-city",
        "BASEBALL - MAJOR LEAGUE STANDINGS .\n[NEW YORK]{place} 1996-08-31\n"
        "Standings after games played on Friday :\nCENTRAL DIVISION\n"
        "[CLEVELAND]{organization} 80 54 .597 -\n[KANSAS CITY]{organization} 61 75 .449 20\n",
    ),
    (
        "dateline-iso-with-a-country",
        "RUSSIA - CHECHENS START PEACE TALKS .\n[KHASAVYURT]{place} , [Russia]{place} 1996-08-30\n"
        "Talks began on Friday .\n",
    ),
    (
        "dateline-agency",
        "Qantas to cut jobs\n[CANBERRA]{place}, [Australia]{place} (AP)_ Qantas will cut 500 jobs.\n",
    ),
    (
        "dateline-agency-date",
        "[WASHINGTON]{place}, Aug. 3 (Reuters) - The Senate passed the bill on Friday.\n",
    ),
    (
        "dateline-not-an-agency",
        "[CENTRUST SAVINGS BANK]{-} ( Miami ) --\nMoody 's cut its rating.\n",
    ),
    (
        "dateline-only-at-the-top",
        "Talks went on.\nOfficials met.\nNothing was agreed.\nMore talks follow.\n"
        "[Quantix Robotics]{-} 2024-03-01\n",
    ),
    # News agencies named in running text are organisations; a person's surname stays theirs.
    (
        "agency-missed",
        "The talks were reported by [Tanjug]{organization} and [Interfax]{organization} on "
        "Monday.\n",
    ),
    ("agency-as-person", "Officials told [Yonhap]{organization} that the talks had failed.\n"),
    (
        "agency-name-as-surname",
        "[Michael Bloomberg]{person} spoke in [New York]{place}. [Bloomberg]{person} said the city "
        "would wait.\n",
    ),
    # In a story about sport, a pair of short numbers is a score, not a date; a season stays.
    (
        "score-not-a-date",
        "RUGBY UNION - ENGLAND BEAT WALES\nEngland beat Wales [34-13]{-date} at Cardiff Arms Park "
        "on [Saturday]{date}, with Jeremy Guscott scoring two tries in the [1996-97 season]{date}.\n",
    ),
    # In a match report, a half is the match's, not the year's; a half of a year stays a date.
    (
        "match-half-not-a-date",
        "Chelsea beat Arsenal 2-1 in the Premiership at Stamford Bridge on [Saturday]{date} . "
        "Frank Lampard scored in [the first half]{-date} and the striker Didier Drogba added a "
        "[second-half]{-date} goal . The club reported a loss in [the first half of 2004]{date} .\n",
    ),
    # A date never runs over a line break: a dateline's date and the first word of the story.
    (
        "date-stops-at-a-line-break",
        "Xinhua News Agency , Beijing , [April 23rd]{date}\n[Today]{date} , the Association of "
        "the Relationship between the Two Sides of the Straits sent a letter .\n",
    ),
    # A continent is a place with no country, not the town that shares its name.
    (
        "continents",
        "Sony sells phones across [Asia]{place} and [Europe]{place}, and in [Manila]{place}.\n",
    ),
    # A full name the model read as a company is the person its lone surname is elsewhere.
    (
        "full-name-read-as-a-company",
        "[Ireland]{place}'s [Alistair Cragg]{person} won in 7:39.89 as Bekele battled to second "
        'in 7:41.42. "I didn\'t want to sit back and get out-kicked," said [Cragg]{person}. "So '
        'I kept on the pace."\n',
    ),
    # A full name with a possessive still names the person of the lone surname; a club's
    # ending is no surname, even when the model read the club as a person.
    (
        "full-name-with-a-possessive",
        "Director Mira Nair was thrilled to film William Makepeace Thackeray's novel Vanity Fair. "
        "But Nair said that her film had picked up on the way [Thackeray]{person} - who was born "
        'in India but moved to England - wrote. "I think it was [Thackeray]{person}\'s clarity," '
        "she said.\n",
    ),
    (
        "club-ending-is-no-surname",
        "Manchester United's Paul Scholes scored twice. [United]{organization} were never "
        "troubled, and Scholes said [United]{organization} deserved it.\n",
    ),
    # A capitalised common word is no name where the document also writes it in lower case,
    # unless it is part of a person's name.
    (
        "common-word-capitalised",
        "[Broadband]{-} take-up soars\n\n[Broadband]{-} is now in half of [UK]{place} homes, and "
        "broadband prices keep falling, the regulator said.\n",
    ),
    (
        "common-word-beside-a-name",
        "MPs passed the [Bill]{-} on Tuesday. The bill now goes to the [Lords]{organization}, "
        "where [Jude Law]{person} watched the debate. [Law]{person} said he was pleased.\n",
    ),
    # A nationality word is neither a person nor a place, unless it is someone's surname.
    (
        "nationality-words",
        "In the election, [Greeks]{-} gave no clear mandate to any party, and [Welsh]{-} voters "
        "stayed at home.\n",
    ),
    (
        "nationality-word-as-a-surname",
        "The novelist [Irvine Welsh]{person} read from his new book in [Leith]{place}. "
        "[Welsh]{person} said the city had changed.\n",
    ),
    # Large places as English news spells them: no accents, `St` for `Saint`. A small town's
    # plain spelling is no place (`Tô`, Burkina Faso, is not `To`).
    (
        "places-in-plain-spelling",
        "The bank moved staff from [Zurich]{place} and [Sao Paulo]{place} to [Montreal]{place} "
        "and [St Louis]{place} .\n[To]{-} supporters of the plan , it was a good move .\n",
    ),
    # English names the packaged gazetteers write otherwise (`Frankfurt am Main`, `Łódź`).
    (
        "places-in-english-spelling",
        "Trading opened late in [Frankfurt]{place} and [Seville]{place} , and the bank shut its "
        "office in [Lodz]{place} , officials in [Washington DC]{place} said .\n",
    ),
    # Boundaries: a name stops at a line break and at a number (scores, tables).
    (
        "score-after-a-team",
        "He scored in the 7-0 win over [the Boston Red Sox]{organization} 7-0 on Friday .\n",
    ),
    ("runs-after-a-batsman", "Essex were bowled out , [G. Kersey]{person} 63 not out .\n"),
    ("rank-before-a-golfer", "Leading scores :\n286 [Miguel Angel Jimenez]{person} ( Spain )\n"),
    (
        "line-break-between-names",
        "Australia 's squad :\n[Ricky Ponting]{person}\n[Steve Waugh]{person}\n",
    ),
    # Sports: a club named after a place is an organisation where a team stands.
    (
        "results-rows",
        "SOCCER - SCOTTISH RESULTS .\nGLASGOW 1996-08-31\nResults of matches on Saturday :\n"
        "[Crewe]{organization} 0 [Watford]{organization} 2\n"
        "[Stirling]{organization} 1 [Dundee]{organization} 1\n",
    ),
    # A one-word name before a team's word and a person is the team (a nickname, a club the
    # gazetteer does not know), not a person.
    (
        "team-nickname-before-a-role",
        "SOCCER - SPANISH LEAGUE .\nMADRID 1996-08-31\nBefore the match "
        "[Deportivo]{organization} chairman Augusto Lendoiro said the striker would play . "
        "[Juve]{organization} manager Luciano Moggi watched the goals from the stand .\n",
    ),
    # Results run into a line of prose: a side before its score is a team, its country in
    # brackets a place, and the score no date.
    (
        "results-run-into-a-line",
        "BASKETBALL - BENETTON BEAT DINAMO 92-81 .\nBELGRADE 1996-08-31\nResults of the "
        "tournament on Saturday : Fifth place : [Benetton]{organization} ( [Italy]{place} ) 92 "
        "[Dinamo]{organization} ( [Russia]{place} ) [81]{-date} ( halftime 50-28 )\n",
    ),
    (
        "team-before-a-result-verb",
        "[Manchester City]{organization} won on Saturday . The striker scored twice , his 20th "
        "league goal , and the goalkeeper saved a penalty in a match the league leaders "
        "controlled .\n[Watford]{organization} beat Brentford 2-1 .\n",
    ),
    # A results table's column heads are single capitals, no name; a standings row is a team
    # and its figures (a percentage, games behind), no date.
    (
        "table-column-heads",
        "BASEBALL - KOREAN PRO-BASEBALL STANDINGS .\nSEOUL 1996-08-30\nStandings after games "
        "played on Thursday ( tabulate under\nwon , drawn , lost , winning percentage , games "
        "behind first place )\n[W D L]{-} PCT GB\n[Haitai]{organization} [64 2 43]{-date} .596 -\n"
        "[Ssangbangwool]{organization} [59 2 49]{-date} .545 5 1/2\n",
    ),
    (
        "dutch-results-and-standings",
        "SOCCER - DUTCH FIRST DIVISION RESULTS .\n[ROTTERDAM]{place} 1997-03-02\n"
        "Results of Dutch first division matches on Sunday :\n"
        "[Vitesse]{organization} 2 [Groningen]{organization} 1\nStandings :\n"
        "[Ajax]{organization} 24 15 6 3 50 18 51\n[PSV]{organization} 24 14 7 3 [55 20 49]{-date}\n",
    ),
    (
        "slug-is-no-part-of-a-name",
        "[CRICKET]{-} - [LEICESTERSHIRE]{organization} TAKE OVER AT TOP .\nLONDON 1996-08-30\n"
        "Phil Simmons took four for 38 as [Leicestershire]{organization} beat Somerset by an "
        "innings .\n",
    ),
    (
        "grounds-after-at",
        "CRICKET - ENGLAND TOUR .\nLONDON 1996-08-30\nEngland play Pakistan at [The Oval]{place} on "
        "Saturday , then at [Arundel]{place} , and finish at Lord 's . Atherton led at "
        "[the Atlanta Games]{-place} and at the [French Open]{-place} , and lost at the "
        "[Stade de France]{place} .\n",
    ),
    (
        "county-named-club",
        "CRICKET - ENGLISH COUNTY CHAMPIONSHIP .\nLONDON 1996-08-30\n"
        "Phil Simmons took four wickets as [Leicestershire]{organization} beat "
        "[Somerset]{organization} by an innings .\n",
    ),
    # A standings row's name is the whole team, though the model read a place inside it.
    (
        "standings-row-name-over-a-place-inside-it",
        "SOCCER - ENGLISH LEAGUE STANDINGS .\n[LONDON]{place} 1996-08-31\nEnglish soccer league "
        "standings after Saturday 's matches :\nDivision three\n[Exeter]{organization} 4 1 2 1 4 "
        "5 5\n[Cambridge United]{organization} 4 1 2 1 3 4 5\n[Darlington]{organization} 4 1 1 2 "
        "5 6 4\n",
    ),
    # A sports cue of several tokens (`half-time`) counts, and a nationality is no ground.
    (
        "sports-cue-with-a-hyphen",
        "Safin relieved at [Aussie]{-} recovery\n\n[Erling Haaland]{person} scored twice as "
        "[Manchester City]{organization} came from behind to beat [Brentford]{organization} . "
        "[Haaland]{person} equalised before half-time and sealed the win late on , and the "
        "manager praised his players after the game .\n",
    ),
    # Names listed with a team are teams (a list names things of one kind), but not the
    # names of a line-up; a place where a match is played stays a place.
    (
        "teams-listed-with-a-team",
        "CRICKET - ENGLISH COUNTY CHAMPIONSHIP .\nLONDON 1996-08-30\nTitle rivals "
        "[Essex]{organization} , [Derbyshire]{organization} and [Surrey]{organization} all closed "
        "in on victory . [Essex]{organization} beat [Somerset]{organization} by an innings , and "
        "[Surrey]{organization} captain [Chris Lewis]{person} made 70 .\n",
    ),
    (
        "a-line-up-is-no-list-of-teams",
        "SOCCER - SCOTTISH CUP .\nThe striker scored twice as the league leaders won . Hibernian: "
        "[Brown]{person}, [Whittaker]{person}, [Moore]{person}, [Thomson]{person} and "
        "[Douglas]{person}; subs: [Reid]{person}. [Moore]{person} said he was happy after "
        "[Derby]{organization} beat [Leeds]{organization} .\n",
    ),
    (
        "a-ground-stays-a-place",
        "RUGBY UNION - ALL BLACKS TOUR .\nThe tourists lost 8-3 to Cardiff and drew 6-6 at "
        "[Swansea]{place} in the first week of the tour . [Swansea]{organization} beat them again "
        "in the return match , and the league leaders scored twice in [Newport]{place} .\n",
    ),
    (
        "countries-stay-places",
        "SOCCER - WORLD CUP QUALIFIER .\n[Lithuania]{place} 2 [Liechtenstein]{place} 0\n"
        "England beat [Moldova]{place} 3-0 on Saturday .\n",
    ),
    (
        "no-sport-no-team",
        "The council said Leeds beat its recycling target , and [Sheffield]{place} drew up new "
        "plans .\n",
    ),
    (
        "a-place-in-a-sports-story",
        "The striker scored twice before half-time , and the league leaders stay unbeaten . "
        "He was born in [Leeds]{place} .\n",
    ),
    # A known given name before a capitalised word the model left untagged is a person, and
    # the lone surname after it is that person, not a place.
    (
        "match-report-full-name-missed",
        "[Manchester City]{organization} 2 [Brentford]{organization} 1\n\n[Erling Haaland]{person} "
        "scored twice as [Manchester City]{organization} came from behind to beat "
        "[Brentford]{organization} 2-1 at the [Etihad]{place} on Saturday.\n\n"
        "[Brentford]{organization} led through [Yoane Wissa]{person} after 20 minutes, but "
        "[Haaland]{person} equalised before half-time and headed the winner in the 78th minute.\n\n"
        '[Guardiola]{person} said afterwards that [Haaland]{person} had been "unbelievable". '
        "[Thomas Frank]{person}, the Brentford manager, said his side deserved a point.\n\n"
        "City stay top of [the Premier League]{organization}, two points clear of Arsenal.\n",
    ),
    # In a sports story a one-word organisation that speaks is a player or manager quoted by
    # surname, at every mention; not a governing body named as one, a nationality, a team,
    # a news agency, or a common noun after a determiner.
    (
        "sports-speaker-quoted-by-surname",
        "The striker scored twice and the league leaders stay unbeaten after the match .\n"
        "[Kluft]{person} finished third in [Athens]{place} . [Kluft]{person} said she was "
        "happy , and the [Kiwi]{-person} said he was tired .\n"
        "After a two-year study , [Uefa]{organization} insists the surfaces have moved on . "
        "[Uefa]{organization} spokesman [Rob Faulkner]{person} said the grass was fine .\n",
    ),
    # A club by its name's last word, whatever the model read; a fixture is its two sides.
    (
        "clubs-by-their-endings-and-fixtures",
        "The striker scored twice and the league leaders stay unbeaten after the match .\n"
        "[Manchester United]{organization} beat [Aston Villa]{organization} , and "
        "[United]{organization} stay second . The Olympic final was played in "
        "[Mexico City]{place} .\n"
        "Postponed : [Birmingham]{organization} v [Barnsley]{organization} , "
        "[Norwich City]{organization} v [Charlton]{organization}\n",
    ),
    (
        "a-fixture-of-national-sides",
        "BBC Sport unveils its new analysis tool Piero at the [Wales]{place} v [England]{place} "
        "rugby union match on Saturday.\n\nPicture the scene - Wales are camped on the England "
        "line in the dying seconds of the Six Nations' opening match. The striker scored and the "
        "league leaders stay unbeaten.\n",
    ),
    # A place before one of a team's people is the team, at its other mentions too; the
    # place a story was filed from stays a place.
    (
        "team-before-its-people-and-the-dateline-stays",
        "BASEBALL - RANGERS BEAT INDIANS .\n[ARLINGTON]{place} , [Texas]{place} 1996-08-31\n"
        "[Juan Gonzalez]{person} homered as [Texas]{organization} beat Cleveland 5-3 . "
        '" We needed that , " said [Texas]{organization} manager [Johnny Oates]{person} .\n',
    ),
    (
        "team-before-its-people",
        "The striker scored twice and the league leaders stay unbeaten after the match .\n"
        "[Norwich]{organization} striker [Keith O'Neill]{person} impressed , and "
        "[Southampton]{organization} fans cheered him , as did [Lancashire]{organization} "
        "batsman [Graham Lloyd]{person} .\n",
    ),
    # A place-named team before its score, in a scorecard or a standings table; not a place
    # that a word before it places (`in Salzburg 3-2`), nor a year (`Athens 2004`).
    (
        "teams-before-their-scores",
        "CRICKET - ENGLISH COUNTY CHAMPIONSHIP SCORES .\n[LONDON]{place} 1996-08-30\n"
        "Chesterfield : [Worcestershire]{organization} 238 and 133-5 , "
        "[Derbyshire]{organization} 471 ( J. Adams 123 ) .\n"
        "[United States]{place} edged [Austria]{place} in [Salzburg]{place} 3-2 in the opening "
        "round .\n",
    ),
    (
        "teams-in-a-standings-table",
        "BASEBALL - MAJOR LEAGUE STANDINGS .\n[NEW YORK]{place} 1996-08-30\n"
        "EASTERN DIVISION W L PCT GB [BALTIMORE]{organization} 70 63 .526 4 "
        "[BOSTON]{organization} 69 65 .515 5 1/2\n",
    ),
    # A results list names each athlete with a country in brackets, a scorer with the minute.
    (
        "athletes-with-their-countries",
        "ATHLETICS - BERLIN GRAND PRIX RESULTS .\n[BERLIN]{place} 1996-08-30\n"
        "Women 's 100 metres 1. [Irina Privalova]{person} ( [Russia]{place} ) 11.27 2. "
        "[Tanja Damaske]{person} ( [Germany]{place} ) 11.30\n"
        "Tennis : [Sandrine Testud]{person} ( [France]{place} ) beat [Ines Gorrochategui]{person} "
        "( [Argentina]{place} ) 4-6 6-2 6-1 , [Sabine Appelmans]{person} ( [Belgium]{place} ) beat "
        "[Dally Randriantefy]{person} ( [Madagascar]{place} ) 6-0 6-2\n"
        "Scorers : Romania - [Cosmin Contra]{person} ( 31st ) , [Mihai Tararache]{person} "
        "( 67th minute )\n",
    ),
    # A cricket scorecard: the fielder and the bowler of each dismissal are people.
    (
        "cricket-scorecard-dismissals",
        "CRICKET - SRI LANKA V AUSTRALIA SCORECARD .\n[COLOMBO]{place} 1996-08-30\n"
        "[S. Law]{person} c [Tillekeratne]{person} b [Dharmasena]{person} 13 [D. Fleming]{person} "
        "st [Kaluwitharana]{person} b [Chandana]{person} 6 [R. Croft]{person} lbw b "
        "[Waqar Younis]{person} 15\n",
    ),
    # Line-ups and draws number their players; a score between two clubs is no line-up.
    (
        "numbered-players",
        "RUGBY UNION - SOUTH AFRICA TEAM .\n[PRETORIA]{place} 1996-08-30\n"
        "South Africa : 15 - [Andre Joubert]{person} , 14 - [Justin Swart]{person} , 13 - "
        "[Japie Mulder]{person} , 12 - [Danie van Schalkwyk]{person} .\n"
        "Friendly : [Real Madrid]{-person} 2 - Atletico Madrid 1 , Real Betis 2 - "
        "[Deportivo Alaves]{-person} 1 .\n",
    ),
    (
        "no-sport-no-speaker",
        "The carmaker raised prices . [Chrysler]{organization} said sales rose , and "
        "[Viacom]{organization} said profit fell .\n",
    ),
    (
        "given-name-pairs-that-are-no-people",
        "He won [the Fed Cup]{-} with [General Secretary]{-} Li watching , and sang "
        '" [Carry On]{-} " .\n',
    ),
    # A heading written in capitals: its names are read as the body reads them.
    (
        "capitals-heading-takes-the-body-reading",
        "[LORRAINE]{place} AND THE LOIRE: A WEEK ON THE ROAD\n\nWe began in [Chinon]{place} and "
        "took a detour to [Nancy]{place} , in [Lorraine]{place} , where [Place Stanislas]{place} "
        "glows gold at night .\n",
    ),
    (
        "heading-word-of-a-full-name",
        "Ruddock backs [Yapp]{person}'s credentials\n\nWales coach Mike Ruddock says "
        "[John Yapp]{person} has what it takes as an international.\n",
    ),
    (
        "surname-with-an-apostrophe",
        "[Ronan O'Gara]{person} kicked the first points . [O'Gara]{person} added the conversion , "
        "and [O'Gara]{person} 's chip set up the try .\n",
    ),
    # A name headed by a street or building word is a place, whoever it is named after.
    (
        "facilities",
        "Only one , private [Dodger Stadium]{place} , made money , and [the G Street Bridge]{place} "
        "will be replaced .\n",
    ),
    # A newspaper is named by its head word; an acronym no gazetteer knows is no place.
    (
        "newspaper-by-its-head-word",
        "[Ann Bly]{person} ran [the Herald]{-person} for years . Readers left the 238,000 - "
        "circulation [Herald]{organization} , and [Herald Smith]{person} wrote about it .\n",
    ),
    (
        "acronym-read-as-a-place",
        "The election will be won by the Marxist - dominated [SWAPO]{organization} rebels , and "
        "[Namibia]{place} will be run by [SWAPO]{organization} .\nESCHEN 1996-08-31\n",
    ),
    # Lone surnames: the person named in full earlier in the document.
    (
        "lone-surname-after-a-full-name",
        "[Sandra Pryce]{person} , 52 , runs the bakery in Leeds . [Pryce]{person} said the shop "
        "would stay open , and Mrs [Pryce]{person} thanked its customers .\n",
    ),
    (
        "court-report-surnames",
        "Man jailed for fraud\n\n[Daniel Okonkwo]{person} , 41 , of [Leeds]{place} , was jailed "
        "for six years on Tuesday . [Okonkwo]{person} told the court he had been misled . "
        "[Smith]{person} , 52 , said the firm lost £ 2.4m .\n",
    ),
    (
        "titled-surname-read-as-a-company",
        "Former WorldCom chief [Bernie Ebbers]{person} denied the charges . Mr [Ebbers]{person} "
        "said he knew nothing , and Mr [Ebbers]{person} will testify .\n",
    ),
    (
        "surname-that-is-also-a-company",
        "William Randolph Hearst built an empire . [Hearst Corp.]{organization} said "
        "[Hearst]{organization} would sell two papers .\n",
    ),
    (
        "surname-that-is-a-big-city",
        "Michael Anthony Houston was fined $ 15,000 . The firm has offices in "
        "[Houston]{place} and Dallas .\n",
    ),
    # Places that are also names: a word that puts a place after it, a known town after a
    # word that often does, a name in apposition to a place.
    (
        "places-after-prepositions",
        "[Nancy Houston]{person} spent a week in the Loire valley . She began in "
        "[Amboise]{place} , where [Leonardo da Vinci]{person} is buried , then drove on to "
        "[Bordeaux]{place} . On the way back she took a detour to [Nancy]{place} , in "
        "[Lorraine]{place} .\n",
    ),
    (
        "place-at-the-end-of-a-journey",
        "We began in [Chinon]{place} , and drove north to [Amboise]{place} the next morning . "
        "She sent the letter to [Sandra Pryce]{person} .\n",
    ),
    (
        "name-with-an-epithet",
        "She told us that [Joan of Arc]{person} passed through Chinon in 1429 , and that "
        "Eitel of [Germany]{place} won .\n",
    ),
    (
        "two-places-joined-by-to",
        "Our guide , Nancy Houston , grew up in Amboise . From [Chester]{place} to [Lyon]{place} , "
        "Houston has seen it all .\n",
    ),
    (
        "names-after-prepositions-stay",
        "[Sandra Pryce]{person} , 52 , runs a bakery in Leeds . Her sister wrote to "
        "[Pryce]{-place} 's lawyer , and [Tesco]{organization} sold a shop to Mr "
        "[Bordeaux]{person} .\n",
    ),
    # Defined acronyms: the phrase before the brackets is an organisation, the acronym its alias.
    (
        "acronym-defined-after-a-company",
        "[Quantix Robotics Inc.]{organization} said on Monday that profits rose . "
        "[Quantix Robotics]{organization} ( [QR]{organization} ) makes arms for factories , "
        "and [QR]{organization} expects sales of $ 3m .\n",
    ),
    # A company named in full is the same company at its first word, however the model read
    # that word; a place the gazetteer knows, a titled surname and a person's name stay theirs.
    (
        "company-short-name",
        "[Cluett Peabody & Co.]{organization} agreed to sell its shirt units . "
        "[Cluett]{organization} had operating profit of $ 40 million , and "
        "[Cluett]{organization} 's chairman will stay .\n",
    ),
    (
        "company-short-name-not-a-place-or-person",
        "[Tokyo Electric Power]{organization} raised prices in [Tokyo]{place} . "
        "[Ford Motor Co.]{organization} was founded by [Henry Ford]{person} , and Mr "
        "[Ford]{person} ran it for decades .\n",
    ),
    (
        "numbered-name-keeps-its-number",
        "Members of [the United Steelworkers Local 3057]{organization} voted .\n",
    ),
    # A Chinese, Korean or Vietnamese family name comes first: the lone name is the person.
    (
        "family-name-first",
        "The detention of veteran dissident [Wang Donghai]{person} showed the government 's "
        "resolve , an activist said on Saturday . He said [Wang]{person} 's arrest on Friday "
        "was part of a campaign . [Wang]{person} , 45 , was sentenced last month .\n",
    ),
    # A place by its context (`the town of`, `east of`) is a place at its other mentions too.
    (
        "place-by-its-context-at-every-mention",
        "Hundreds died in the blast in the town of [Staouelli]{place} on Monday . "
        "[Staouelli]{place} lies west of the capital .\n",
    ),
    (
        "a-place-of-the-model-carried-to-its-other-mentions",
        "Rebel commander [Mirzo Ziyoyev]{person} said his troops took [Tavildara]{place} without "
        "casualties on Monday . The fighting was three km east of [Tavildara]{place} , around "
        "the village of [Layron]{place} . [Tavildara]{place} is now apparently inhabited only by "
        "soldiers .\n",
    ),
    # A name after a place's word and `of` is a place though the model read an organisation,
    # and so are its other mentions.
    (
        "place-by-its-word-read-as-an-organisation",
        "IRAQ - KURDS FIGHT .\nANKARA 1996-08-31\nIraqi forces overran the city of "
        "[Arbil]{place} , which has been held since 1994 by the Patriotic Union of Kurdistan . "
        "[Arbil]{place} lies within the so-called safe haven . The tanks advancing on "
        "[Arbil]{place} were manned by Iraqi troops .\n",
    ),
    # A country the model read as a person is a place: its own reading is no person of the
    # document who would keep it one.
    (
        "country-read-as-a-person",
        "CRICKET - AUSTRALIA WIN .\n[COLOMBO]{place} 1996-08-30\n[Australia]{place} won the "
        "toss and elected to bat against [Sri Lanka]{place} in the third day-night match .\n",
    ),
    # A country (or its usual short form) the model read as an organisation is a place, as
    # OntoNotes and CoNLL have a country acting as its government.
    (
        "country-read-as-an-organisation",
        "Officials from the [UAE]{place} and the [DRC]{place} met in [NYC]{place} on Monday .\n",
    ),
    (
        "a-place-named-for-a-person-of-the-story",
        "[George Washington]{person} crossed the river . [Washington]{person} said the men "
        "were cold .\n",
    ),
    # Words the model takes for names that never are: a results list's `Men` and `Women`,
    # a time zone.
    (
        "not-names",
        "ATHLETICS - BERLIN GRAND PRIX RESULTS .\n[BERLIN]{place} 1996-08-30\nLeading results "
        "at the athletics meeting on Friday :\n[Women]{-} 's 100 metres hurdles\n1. "
        "[Michelle Freeman]{person} ( [Jamaica]{place} ) 12.71\n[Men]{-} 's 110 metres hurdles\n"
        "1. [Mark Crear]{person} ( [U.S.]{place} ) 13.26\nTrading will end early at 1400 "
        "[EDT]{-} / 1800 [GMT]{-} on Friday .\n",
    ),
    # A nationality noun is no person (`the Briton`), and no part of the person after it.
    (
        "nationality-noun",
        "[Bruno]{person} lost his title in Las Vegas , the newspaper said . [The Briton]{-}, "
        "who lost on points , was only the third [Briton]{-} ever to hold it . "
        "[Briton]{-} [Tim Henman]{person} won in straight sets .\n",
    ),
    (
        "scorecard-labels-are-no-names",
        "CRICKET - SRI LANKA V AUSTRALIA SCORECARD .\n[COLOMBO]{place} 1996-08-30\nSri Lanka "
        "innings\n[S. Jayasuriya]{person} c [Healy]{person} b [Fleming]{person} 44\n"
        "[R. Kaluwitharana]{person} not out 3\n[Extras]{-} ( lb-3 nb-2 ) 5\nTotal ( for two "
        "wickets ) 52\n[Attendance]{-} : 12,000\n",
    ),
    # A name that ends in a legal form or a trade is a company, whatever the model read.
    (
        "company-by-its-ending",
        "[Milan]{place} tyre maker [Pirelli SpA]{organization} said its cable unit "
        "[Pirelli Cables]{organization} won an order . Auto parts maker "
        "[Johnson Controls]{organization} and [Bailey Controls]{organization} , based in "
        "[Wickliffe]{place} , [Ohio]{place} , also bid , as did [GeCAD Software]{organization} .\n",
    ),
    # A name whose last word says it is a law, an event, a test or an index is none of
    # brief's types, whatever the model read.
    (
        "law-event-or-index-by-its-ending",
        "Congress amended [the Clean Air Act]{-} in 1990 . [Britain]{place} won "
        "[the Davis Cup]{-} final , and in [Hong Kong]{place} [the Hang Seng Index]{-} fell "
        "180.60 points . Pupils sat [the Scholastic Aptitude Test]{-} . The film won at "
        "[the Academy Awards]{-} , and the firm broke [the Data Protection Act]{-} . It opened "
        "[the Berlin Film Festival]{-} a week before [the London Marathon]{-} .\n",
    ),
    # A headline's reporting period is no part of the company before it; `Olympic` alone is
    # an adjective, no name.
    (
        "period-after-a-company-and-olympic",
        "[Hollis Computer Systems Inc]{organization} [Q2]{date} loss widens .\nNEW YORK "
        "1996-08-30\nWatched by an array of former [Olympic]{-} sprint champions at the "
        "Berlin meeting , Johnson won . Crowds greeted a trio of [Olympic]{-} champions .\n",
    ),
    # A market report's slug, a place in capitals before a spaced dash, is the place; a
    # hyphenated name stays whole.
    (
        "report-slug-before-a-dash",
        "EUROPEAN MARKETS .\nLONDON 1996-08-30\n[GERMANY]{place} - Bunds extended losses on "
        "Friday . [BRITAIN]{place} - Gilts struggled off the day 's lows . The consortium "
        "bid jointly with [UWP-Hachette]{organization} .\n",
    ),
    (
        "company-by-its-ending-read-as-a-facility",
        "Ryanair boss Michael O'Leary criticised the airport operator "
        "[Heathrow Airport Holdings]{organization} on Monday .\n",
    ),
    # An organisation ends before the common words the model ran it into, but keeps a head
    # noun that names the body; a description in lower case is no name at all.
    (
        "organisation-run-into-common-words",
        "Lebed left the city on Friday , [Interfax]{organization} news agency said . "
        "He added : \" We don't want this like [the House of Lords]{organization} reform , "
        'getting to one stage . "\n',
    ),
    (
        "organisation-head-nouns-and-descriptions",
        "The deal would see pilots accept a 32% pay cut in return for the right to buy 30 "
        "million Delta shares , [unions]{-} said . [The Labour party]{organization} and "
        "[the Commons science and technology committee]{organization} met officials from "
        "[eBay]{organization} .\n",
    ),
    # One type for a name the document gives mostly one: the odd mention follows the rest.
    (
        "one-type-make",
        "[Buick]{organization} sales rose 5% in March, General Motors said. Dealers expect "
        "[Buick]{organization} to gain ground in China, where [Buick]{organization} is the "
        'best-selling foreign make. "[Buick]{organization} has momentum," said Tom Ryan.\n',
    ),
    (
        "one-type-company",
        "[Blue Arrow]{organization} agreed to buy the firm. [Blue Arrow]{organization} shares "
        "rose 10 pence in London, and [Blue Arrow]{organization} said the deal would close soon. "
        "Chief executive Tony Berry said [Blue Arrow]{organization} would keep the name.\n",
    ),
    # Twice one type and once another is no majority to overrule the model with.
    (
        "one-type-needs-a-clear-majority",
        "[Columbia]{organization} released the film in June, and [Columbia]{organization} "
        "expects record sales. The studio's rivals in [Columbia]{place} have not commented.\n",
    ),
    # A title in use names a person, whatever the model read after it.
    (
        "title-before-a-place-name",
        "Baroness [Scotland]{person} will reply for the government. On the suspension of "
        "Mr [Houston]{person}, the party said rules had been broken.\n",
    ),
    (
        "title-before-a-full-name",
        "The talks were joined by South African President [Thabo Mbeki]{person}, whose "
        "arrival had been delayed. Tory peer Lord [Tebbit]{person} said he agreed.\n",
    ),
]


def _parse(marked: str) -> tuple[str, list[tuple[int, int, str]]]:
    text, spans, position = "", [], 0
    for mark in _MARK.finditer(marked):
        text += marked[position : mark.start()]
        spans.append((len(text), len(text) + len(mark.group(1)), mark.group(2)))
        text += mark.group(1)
        position = mark.end()
    return text + marked[position:], spans


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("names")
    for name, marked in CASES:
        (folder / f"{name}.txt").write_text(_parse(marked)[0], encoding="utf-8")
    done = subprocess.run(
        [*brief_command(), "extract", str(folder), "-f", "json", "--no-cache", "-q"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return {d["path"].rsplit("/", 1)[-1][:-4]: d for d in json.loads(done.stdout)["documents"]}


@pytest.mark.parametrize(("name", "marked"), CASES, ids=[c[0] for c in CASES])
def test_name_in_a_document(name: str, marked: str, extracted) -> None:
    text, spans = _parse(marked)
    mentions = [
        (m["start"], m["end"], entity["type"])
        for entity in extracted[name]["entities"]
        for m in entity["mentions"]
    ]
    shown = [(text[s:e], t) for s, e, t in mentions]
    for start, end, kind in spans:
        if kind.startswith("-") and len(kind) > 1:  # `{-date}`: no mention of that type here
            touching = [m for m in mentions if m[2] == kind[1:] and m[0] < end and start < m[1]]
            assert not touching, f"{text[start:end]!r} should hold no {kind[1:]}; found {shown}"
        elif kind == "-":
            names = ("person", "place", "organization")
            touching = [m for m in mentions if m[2] in names and m[0] < end and start < m[1]]
            assert not touching, f"{text[start:end]!r} should be no name; found {shown}"
        else:
            assert (start, end, kind) in mentions, (
                f"expected {kind} {text[start:end]!r} at {start}-{end}; found {shown}"
            )


# Mentions that must be one entity (by the mention texts, in order of appearance).
MERGED = {
    "lone-surname-after-a-full-name": ("Sandra Pryce", ["Sandra Pryce", "Pryce", "Pryce"]),
    "acronym-defined-after-a-company": (
        "Quantix Robotics Inc.",
        ["Quantix Robotics Inc.", "Quantix Robotics", "QR", "QR"],
    ),
    "court-report-surnames": ("Daniel Okonkwo", ["Daniel Okonkwo", "Okonkwo"]),
    "full-name-read-as-a-company": ("Alistair Cragg", ["Alistair Cragg", "Cragg"]),
    "full-name-with-a-possessive": (
        "William Makepeace Thackeray",
        ["William Makepeace Thackeray's", "Thackeray", "Thackeray"],
    ),
    "match-report-full-name-missed": ("Erling Haaland", ["Erling Haaland", "Haaland", "Haaland"]),
    "capitals-heading-takes-the-body-reading": ("Lorraine", ["LORRAINE", "Lorraine"]),
    "company-short-name": ("Cluett Peabody & Co.", ["Cluett Peabody & Co.", "Cluett", "Cluett"]),
}


@pytest.mark.parametrize("name", sorted(MERGED))
def test_mentions_of_one_thing_are_one_entity(name: str, extracted) -> None:
    canonical, texts = MERGED[name]
    (entity,) = [e for e in extracted[name]["entities"] if e["text"] == canonical]
    assert [m["text"] for m in entity["mentions"]] == texts
    if name.startswith("acronym"):
        assert entity["aliases"] == ["QR"]


def test_a_continent_has_no_country(extracted) -> None:
    values = {e["text"]: e["value"] for e in extracted["continents"]["entities"]}
    assert (values["Asia"], values["Europe"], values["Manila"]) == (None, None, {"country": "PH"})


def test_places_in_plain_spelling_have_their_country(extracted) -> None:
    values = {e["text"]: e["value"] for e in extracted["places-in-plain-spelling"]["entities"]}
    assert [
        values[name]["country"] for name in ("Zurich", "Sao Paulo", "Montreal", "St Louis")
    ] == ["CH", "BR", "CA", "US"]


def test_places_in_english_spelling_have_their_country(extracted) -> None:
    values = {e["text"]: e["value"] for e in extracted["places-in-english-spelling"]["entities"]}
    names = ("Frankfurt", "Seville", "Lodz", "Washington DC")
    assert [values[name]["country"] for name in names] == ["DE", "ES", "PL", "US"]
