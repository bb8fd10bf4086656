"""Findable sources: data/source_locators.csv says, in a few words, where on a source its value sits (or that the
stored page was not found), and agrees with the rows that cite the source. Every source cited by a value has a row,
except the sources listed in NOT_YET_LOCATED (work still to do, issue 27 item 8), a list that may only shrink."""

import pandas as pd

from kzreform import datasets, rules

# Sources cited by a value that have no locator row yet: nobody has looked for the words on their pages. The list
# may only shrink (a source given a row must leave it); the count of located sources may only grow.
LOCATED_AT_LEAST = 286
NOT_YET_LOCATED: frozenset[str] = frozenset({
    "adcmemorial_opendemocracy",
    "adilet_k950001000_kk",
    "adilet_s9600002_1_kk",
    "adilet_v16ld005397_ru",
    "adilet_z2000000333_en",
    "adilet_z2200000105_kk",
    "adilet_z2200000155_en",
    "adilet_z2200000156_ru",
    "akimataktobe_tass_2021_01_02",
    "akorda_cc_law_2737_kk",
    "altynorda_parties_2022",
    "apn_49232",
    "arbatmedia_2023_final_kk",
    "arbatmedia_recall_2022_09_07",
    "astanatimes_2021_final",
    "astanatimes_2022_03_16_parties",
    "astanatimes_2022_09_term",
    "astanatimes_2023_01_senate",
    "astanatimes_2023_03_odihr_interim",
    "astanatimes_2023_03_odihr_prelim",
    "astanatimes_2023_final",
    "astanatimes_2024_final",
    "astanatimes_2026_02_draft",
    "astanazan_5271",
    "baytaq_2023_02_20",
    "bestprofi_2695815874",
    "bizmedia_2023_03_06",
    "caravan_19170568",
    "caravan_472842",
    "cjad_kz_art15",
    "egemen_kk_20220605",
    "egemen_lat_2023_exitpoll",
    "ehuquq_az_61589",
    "elderecho_memoria_tc_2024",
    "electionguide_4078",
    "elkz_95898",
    "emirsaba_parties_kk",
    "everywherenews_320174",
    "forensic_gov_draft_2022",
    "frontierpost_tass_2021_12_29",
    "gazetakg_169232",
    "gazetakg_179058",
    "haqqin_374837",
    "haufe_zap_2023_6",
    "inastana_2016",
    "inform_a3940683",
    "inform_en_2023_final",
    "inform_en_a3300693",
    "inform_en_a3905717",
    "inform_en_a4026282",
    "inform_ru_679782",
    "inform_ru_8443e0",
    "inform_ru_aaf863",
    "inform_ru_e55183",
    "informburodata_106839",
    "informburodata_pwd_quota",
    "inozpress_2022_09_19",
    "interfax_dzen_2023_turnout",
    "interfax_ru_871146",
    "ipu_archive_parline_es",
    "iwraw_kz_ban",
    "jjtv_2023_06_20",
    "jungewelt_502437",
    "kazinform_en_a3741406",
    "kazinform_en_a3757576",
    "kazinform_en_a3815785",
    "kazinform_en_a3815965",
    "kazinform_en_a3929917",
    "kazinform_kk_a3940972",
    "kazpravda_2023_results",
    "kazpravda_2025_10_25",
    "kaztag_2021_registration",
    "kkwiki_jsdp",
    "kodeksy_kz_election_113_16",
    "kommersant_8340701",
    "kommersant_8511585",
    "kt_2021_02_18_assemblies",
    "kt_2026_02_04_draft",
    "kursiv_2022_05_06_draft",
    "kursiv_en_3480191",
    "lada_149804",
    "manshuq_2022_10",
    "mediazona_2023_01_21",
    "mgorod_2020_05_26_parties",
    "mignews_rf_population",
    "mir24_16489668",
    "mk_2025_01_31_rosstat",
    "mkkz_2026_03_18",
    "mtskg_7337",
    "mustaqil_az_population",
    "nepfund_kazinform_interview",
    "nessuno_60348578",
    "newsaz_tass_2023_seats",
    "newsmail_69500880",
    "nichts_als_die_wahrheit_justiz",
    "ondacero_48_millones",
    "otpannews_2026",
    "ozodi_31885057",
    "pavlodar_k950001000_s6",
    "politico_2025_09_09",
    "prosud_1027758",
    "qaragandyhabary_cc",
    "qazaqstan_press_method",
    "qazinform_e5074d",
    "qazmonitor_844",
    "qazweek_2020_05_25_parties",
    "qonaev_4079951",
    "rbc_698d674f",
    "ria_2023_amanat62",
    "sailaunews_2023_rules",
    "senate_parlam_5876",
    "snkz_134036",
    "studopedia_94625",
    "sueddeutsche_2024_01_bevoelkerung",
    "tagesschau_2023_06_20",
    "tass_1509513",
    "tass_1592011",
    "tass_1907243",
    "tegobmx_kz_election_law_art97",
    "timesca_51256",
    "tirek_god_spustya",
    "total_2023_05_12",
    "turkpa_2023",
    "turkpa_parliament_kz",
    "unwomen_kz_parliament",
    "unwomen_kz_president",
    "urdupoint_1561970",
    "urdupoint_1564366",
    "vestikavkaza_156653",
    "vlast_2023_final",
    "vlast_55605",
    "vlast_65432_2025_06_23",
    "vz_1390362",
    "wiki_ar_2022",
    "wiki_en_2022",
    "wiki_en_2023_oldid",
    "wikimili_cc",
    "wikispooks_kz_president",
    "xtra_1995_rev2017",
    "zakonpravo_en_assemblies_art11",
    "zakonpravo_en_assemblies_art12",
    "zakonpravo_en_parties_art6",
    "zhambylnews_85180",
})


def _cited() -> set[str]:
    """Every source id named by a value in data/ (source_id and every other column naming sources, ';'-separated)."""
    out = set()
    for name in datasets.names():
        if name in ("sources", "source_locators"):
            continue
        df = datasets.load(name)
        for column in (c for c in df.columns if "source_id" in c):
            for cell in df[column].dropna():
                out |= {part.strip() for part in str(cell).split(";") if part.strip()}
    return out


def test_each_locator_is_short_and_says_how_it_was_written():
    locators = datasets.load("source_locators")
    for rec in locators.itertuples():
        if rec.status == "page not in store":
            assert pd.isna(rec.locator) and isinstance(rec.note, str) and rec.note.strip(), rec.source_id
        else:
            assert isinstance(rec.locator, str) and len(rec.locator.split()) <= 30, rec.source_id  # never a long quotation


def test_a_ruling_locator_agrees_with_the_row_that_cites_its_source():
    locators, sources, rulings = (datasets.load(n) for n in ("source_locators", "sources", "court_rulings"))
    urls = sources.set_index("source_id")["url"]
    checked = 0
    for rec in locators.itertuples():
        cited = rulings[rulings["source_id"] == rec.source_id]
        if not isinstance(rec.locator, str) or not rec.locator.startswith("Normative resolution No.") or len(cited) != 1:
            continue
        row = cited.iloc[0]
        assert f"No. {row['number']}" in rec.locator, rec.source_id
        if pd.notna(row["date"]):
            assert f"{row['date']:%Y-%m-%d}" in rec.locator, rec.source_id
        if "legal-database code " in rec.locator:
            assert rec.locator.split("legal-database code ")[1].split()[0].rstrip(";") in urls[rec.source_id]
        if "title begins: " in rec.locator:
            first = rec.locator.split("title begins: ")[1].split(" ...")[0].split(";")[0]
            assert first in row["title_original"].replace("«", "").replace("»", ""), rec.source_id
        checked += 1
    assert checked >= 30


def test_every_primary_source_of_a_titled_resolution_has_a_locator():
    locators, sources, rulings = (datasets.load(n) for n in ("source_locators", "sources", "court_rulings"))
    primary = set(sources[sources["kind"] == "primary"]["source_id"])
    titled = rulings[rulings["title_original"].notna() & rulings["source_id"].isin(primary)]
    single = titled.groupby("source_id").filter(lambda g: len(g) == 1)
    assert set(single["source_id"]) <= set(locators["source_id"])


def test_every_source_cited_by_a_value_has_a_locator_row_or_is_listed_as_not_yet_located():
    located = set(datasets.load("source_locators")["source_id"])
    cited = _cited()
    missing = cited - located
    assert missing <= NOT_YET_LOCATED, f"cited with no locator row and not listed: {sorted(missing - NOT_YET_LOCATED)}"
    assert not (NOT_YET_LOCATED & located), f"located, so leave NOT_YET_LOCATED: {sorted(NOT_YET_LOCATED & located)}"
    assert NOT_YET_LOCATED <= cited, f"no longer cited: {sorted(NOT_YET_LOCATED - cited)}"
    assert len(cited & located) >= LOCATED_AT_LEAST


def test_a_page_not_in_store_has_no_locator_and_a_located_page_has_one():
    df = pd.DataFrame({"source_id": ["a", "b", "c"], "status": ["page not in store", "read on the stored page",
                                                                "page not in store"],
                       "locator": ["some words", None, None], "archived_url": [None] * 3, "note": ["x", "y", None]})
    df.attrs["rows"] = [2, 3, 4]
    check = next(f for f in rules.DOMAIN_CHECKS["source_locators"])
    found = [(p.row, p.column) for p in check("data/source_locators.csv", df)]
    assert found == [(2, "locator"), (3, "locator"), (4, "note")]
