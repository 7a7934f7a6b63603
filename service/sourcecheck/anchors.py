"""Language-independent anchors: numbers, years, months/days, names and quoted words, from
Indonesian or English text, normalised so that "1.500" (id) = "1,500" (en) = "seribu lima ratus",
"3,5 persen" = "3.5 percent", "Rabu" = "Wednesday"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ID_UNITS = {"nol": 0, "satu": 1, "se": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
             "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000}
_ID_SCALES = {"belas": None, "puluh": 10, "ratus": 100, "ribu": 1000, "juta": 10**6, "miliar": 10**9, "milyar": 10**9, "triliun": 10**12}
_EN_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
             "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
             "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
             "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1}
_EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_EN_MULTIPLES = {"doubled": 2.0, "doubling": 2.0, "double": 2.0, "twice": 2.0, "tripled": 3.0, "tripling": 3.0,
                 "triple": 3.0, "thrice": 3.0, "quadrupled": 4.0}
# "double" and "triple" are a multiple only before what they multiply ("double the figure", "triple
# its output"), not as adjectives ("double digits", "a double role")
_MULTIPLE_OF = frozenset("the its their that what last a his her".split())
_NUM_SCALE_WORDS = {"ribu": 1000, "juta": 10**6, "miliar": 10**9, "milyar": 10**9, "triliun": 10**12,
                    "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}

MONTHS = {
    1: ("januari", "january", "jan"), 2: ("februari", "february", "feb"), 3: ("maret", "march", "mar"),
    4: ("april", "apr"), 5: ("mei", "may"), 6: ("juni", "june", "jun"), 7: ("juli", "july", "jul"),
    8: ("agustus", "august", "aug", "agu"), 9: ("september", "sep", "sept"), 10: ("oktober", "october", "oct", "okt"),
    11: ("november", "nov"), 12: ("desember", "december", "dec", "des"),
}
DAYS = {1: ("senin", "monday"), 2: ("selasa", "tuesday"), 3: ("rabu", "wednesday"), 4: ("kamis", "thursday"),
        5: ("jumat", "jum'at", "friday"), 6: ("sabtu", "saturday"), 7: ("minggu", "ahad", "sunday")}
_MONTH_OF = {w: n for n, ws in MONTHS.items() for w in ws}
MONTH_OF = _MONTH_OF
MONTH_NAMES = frozenset(w.capitalize() for ws in MONTHS.values() for w in ws) | frozenset(
    w.capitalize() for ws in DAYS.values() for w in ws)
_DAY_OF = {w: n for n, ws in DAYS.items() for w in ws}

QUALIFIERS = {
    "id": ("mungkin", "kemungkinan", "bisa jadi", "diduga", "dikabarkan", "kabarnya", "diperkirakan", "memperkirakan",
           "diprakirakan", "memprakirakan", "diprediksi", "memprediksi", "tampaknya",
           "sepertinya", "barangkali", "berpotensi", "disinyalir", "ditengarai", "diproyeksikan", "belum dapat dipastikan",
           "belum terverifikasi",
           # verbs that hedge: an option still weighed, not a decision (a plan, "berencana", is
           # reported as what will be done)
           "mempertimbangkan", "dipertimbangkan", "mengkaji", "dikaji", "mewacanakan", "diwacanakan", "menduga"),
    "en": ("may", "might", "could", "possibly", "reportedly", "allegedly", "likely", "probably", "perhaps",
           "appears", "appeared", "seems", "seemed", "suspected", "estimated", "potentially", "expected", "expects",
           "predicted", "predicts", "forecasts",
           "projected", "projecting", "forecast", "unconfirmed", "unverified",
           "considering", "considers", "mulling", "weighing"),
}
# a hedge denied is no hedge: "tidak berpotensi memicu tsunami" (poses no tsunami threat), "tidak
# mungkin" (cannot) state a fact
_DENIABLE_HEDGES = frozenset({"berpotensi", "mungkin"})
# the hedges that are verbs: they hedge the predicate that follows them, not the whole passage
VERB_HEDGES = frozenset({"mempertimbangkan", "dipertimbangkan", "mengkaji", "dikaji", "mewacanakan", "diwacanakan", "menduga",
                         "considering", "considers", "mulling", "weighing"})
# A negative outcome said in other words: put off, called off, turned down, missed. They negate
# like "not", but only what they govern (see content.outcome_governs): "approved 20 permits and
# cancelled five others" still approves the permits.
OUTCOMES = {
    "id": ("ditunda", "menunda", "diundur", "batal", "dibatalkan", "membatalkan", "urung", "menepis", "ditepis", "menampik",
           "meleset", "di bawah target"),
    "en": ("postponed", "pushed back", "pushes back", "put off", "puts off", "called off", "calls off", "cancelled",
           "canceled", "scrapped", "shelved", "put on hold", "dropped its plan", "dropped plans", "dropped the plan",
           "abandoned its plan", "abandoned plans",
           "turned down", "turns down", "ruled out", "rules out", "fell short", "falls short", "fall short"),
}
NEGATIONS = {
    "id": ("tidak", "tak", "bukan", "belum", "jangan", "membantah", "menyangkal", "menolak", "dibantah", "gagal", "tanpa")
          + OUTCOMES["id"],
    "en": ("not", "no", "never", "n't", "denied", "denies", "deny", "rejected", "refused", "none", "yet to",
           "failed to", "fails to", "fail to", "nobody", "without") + OUTCOMES["en"],
}
# The verbs of a denial: like a negative outcome, a denial negates only what it governs
# ("dismissed reports of a delay and said the road would open in June" opens the road).
DENIAL_VERBS = {
    "id": ("membantah", "menepis", "menampik", "menyangkal", "dibantah", "ditepis"),
    "en": ("denied", "denies", "deny", "dismissed", "dismisses", "rejected", "rejects", "refuted", "refutes"),
}
# A denial is one of those verbs and what it denies: "dismissed reports that …", "menepis anggapan
# bahwa …". A denial of a negative statement affirms it: "dismissed claims that stocks would not
# last", "menepis anggapan bahwa stok tidak cukup" say the stocks will last.
_DENIED = {"id": r"(?:bahwa|anggapan|kabar|isu|tudingan|tuduhan|klaim)",
           "en": r"(?:that|claims?|reports?|suggestions?|speculation|rumou?rs?)"}
_DENIAL = {lang: re.compile(r"\b(?:" + "|".join(DENIAL_VERBS[lang]) + r")\s+(?:\w+\s+){0,2}?" + _DENIED[lang] + r"\b")
           for lang in ("id", "en")}
# Opposite directions: (id words, en words) per pole
POLES = [
    ({"naik", "meningkat", "bertambah", "melonjak", "menguat", "tumbuh", "kenaikan", "peningkatan", "menaikkan",
      "dinaikkan", "meningkatkan", "ditingkatkan", "bertambahnya", "melesat", "meroket", "melebar"},
     {"rose", "rise", "rises", "rising", "risen", "increased", "increase", "increases", "increasing", "up", "grew", "grown",
      "growth", "grow", "grows", "higher", "surged", "soared", "climbed", "jumped", "gained", "rallied", "expand",
      "expands", "expanded", "widened", "widens", "widening", "strengthened", "strengthens", "appreciated",
      "intensified", "intensifies", "intensifying", "escalated", "escalates"}),
    ({"turun", "menurun", "berkurang", "anjlok", "melemah", "merosot", "penurunan", "menurunkan", "diturunkan",
      "berkurangnya", "pengurangan", "menyusut", "susut", "terkoreksi", "menyempit", "mereda"},
     {"fell", "fall", "falls", "falling", "fallen", "decreased", "decrease", "decreases", "decreasing", "down", "declined",
      "declines", "declining", "dropped", "drops", "lower", "shrank", "plunged", "slid", "slipped", "slumped", "tumbled",
      "dipped", "contracted", "narrowed", "narrows", "narrowing", "weakened", "weakens", "depreciated",
      "eased", "eases", "subsided", "subsides", "dwindled", "dwindle", "dwindles", "dwindling"}),
]

# Opposite predicates (not up/down): (id side A, en side A, id side B, en side B). A claim that says
# A where the matching clause says B (and not A) is contradicted: "add 2,000 jobs" / "cut 2,000 jobs".
PREDICATES = [
    ({"menambah", "ditambah", "merekrut", "mempekerjakan"},
     {"add", "adds", "adding", "hire", "hires", "hiring", "recruit", "create", "creating"},
     {"memangkas", "memecat", "phk", "merumahkan", "mengurangi", "dikurangi"},
     {"cut", "cuts", "cutting", "shed", "slash", "lay", "laid", "layoffs", "eliminate", "axe"}),
    ({"dibuka", "membuka", "dibukanya"}, {"open", "opened", "opens", "reopen", "reopened", "reopens"},
     {"ditutup", "menutup", "penutupan", "tertutup"}, {"close", "closed", "closes", "shut", "closure"}),
    ({"menyetujui", "disetujui", "mengesahkan", "disahkan"}, {"approve", "approved", "approves", "passed", "accepted"},
     {"menolak", "ditolak", "membatalkan", "dibatalkan"}, {"reject", "rejected", "rejects", "vetoed", "cancelled", "canceled", "scrapped"}),
    ({"menang", "memenangi", "memenangkan"}, {"won", "win", "wins"}, {"kalah"}, {"lost", "lose", "loses", "defeated"}),
    ({"dicabut", "mencabut", "melonggarkan", "dilonggarkan"}, {"lift", "lifted", "lifts", "eased", "ease", "eases"},
     {"memberlakukan", "diberlakukan", "memperketat", "diperketat", "tetap berlaku", "masih berlaku"},
     {"impose", "imposed", "imposes", "tightened", "tighten", "stay in force", "stays in force", "remain in force",
      "remains in force", "stay in place", "stays in place", "remain in place", "remains in place"}),
    ({"aman"}, {"safe"}, {"bahaya", "berbahaya", "rawan"}, {"danger", "dangerous", "unsafe"}),
    ({"dilanjutkan", "melanjutkan", "berlanjut", "berjalan"}, {"resume", "resumed", "resumes", "continue", "continued",
                                                               "continues", "operational", "reopen", "reopened", "reopens"},
     {"dihentikan", "menghentikan", "hentikan", "ditangguhkan", "berhenti"}, {"halt", "halted", "suspend", "suspended", "stop", "stopped", "stops"}),
    ({"laba", "untung", "surplus"}, {"profit", "profits", "surplus"}, {"rugi", "kerugian", "defisit"}, {"loss", "losses", "deficit"}),
    ({"ditangkap", "ditahan", "menangkap", "menahan"}, {"arrested", "detained", "arrest", "detain"},
     # not "released" alone: police release footage, figures and statements as often as suspects
     {"dibebaskan", "membebaskan", "dilepaskan"}, {"freed"}),
    # general antonym pairs of news predicates (issue #18 point 6), from a dictionary's view of
    # opposites, not from any labelled pair: allow/ban, speed up/slow down, include/exclude,
    # convict/acquit, agree/refuse, present/absent
    ({"diizinkan", "mengizinkan", "diperbolehkan", "membolehkan", "boleh"}, {"allowed", "allow", "allows", "permitted", "permit", "permits"},
     {"dilarang", "melarang", "larangan"}, {"banned", "ban", "bans", "prohibited", "prohibit", "barred", "forbidden"}),
    ({"dipercepat", "mempercepat", "meningkat"}, {"accelerated", "accelerate", "accelerates", "accelerating", "acceleration",
                                                "quickened", "quickening", "quicken", "quickens", "sped", "picked up", "picking up", "picks up"},
     {"melambat", "diperlambat", "memperlambat", "perlambatan"}, {"slowed", "slow", "slows", "slowing", "decelerated"}),
    ({"termasuk", "dimasukkan", "memasukkan"}, {"included", "include", "includes", "including"},
     {"dikecualikan", "mengecualikan", "dikeluarkan"}, {"excluded", "exclude", "excludes", "exempt", "exempted"}),
    ({"divonis", "bersalah", "dihukum", "terbukti", "pidana penjara", "menjatuhkan pidana", "menjatuhkan hukuman"},
     {"convicted", "guilty", "sentenced", "jailed"},
     {"dibebaskan", "membebaskan", "bebas"}, {"acquitted", "acquit", "cleared"}),
    # an allegation proven or found baseless
    ({"terbukti", "dibuktikan", "benar"}, {"proven", "proved", "substantiated", "true", "accurate"},
     {"hoaks", "mengada-ada", "keliru"}, {"unfounded", "baseless", "groundless", "unsubstantiated", "false", "untrue"}),
    # more dictionary opposites of news predicates: support/oppose, improve/worsen, survive/die
    ({"mendukung", "didukung"}, {"support", "supports", "supported", "backed", "backs", "endorsed", "endorses"},
     {"menentang", "ditentang"}, {"oppose", "opposes", "opposed", "opposing"}),
    ({"membaik", "pulih"}, {"improved", "improves", "improving", "recovered", "recovers", "better"},
     {"memburuk"}, {"worsened", "worsens", "worsening", "deteriorated", "deteriorates", "worse"}),
    ({"selamat"}, {"survived", "survive", "survives", "alive", "unharmed"},
     {"tewas", "meninggal"}, {"died", "killed", "dead"}),
    # a threshold passed or missed: "exceeded the 95 percent target" / "below the 95 percent"
    ({"melampaui", "melebihi", "melewati"}, {"exceeded", "exceeds", "exceed", "surpassed", "surpasses", "surpass", "topped", "above"},
     {"bawah", "dalam rentang"}, {"below", "short", "inside the target", "inside the national target", "inside its target",
                                  "inside the band", "inside the range", "within the target", "within the national target",
                                  "within its target", "within the range", "within the band"}),
    ({"setuju", "sepakat", "bersedia"}, {"agreed", "agree", "agrees", "willing"}, {"menolak", "enggan"},
     {"refused", "refuse", "refuses", "declined", "disagreed", "disagree", "disagrees"}),
    ({"hadir"}, {"attended", "attend", "attends", "present"}, {"absen", "mangkir", "memboikot"},
     {"absent", "skipped", "skip", "boycotted", "boycott"}),
    # a permit or licence revoked against one kept ("let the company keep its permit", "stays in force")
    ({"dicabut", "mencabut", "pencabutan"}, {"revoked", "revoke", "revokes", "revocation", "stripped"},
     {"tetap berlaku", "masih berlaku", "dipertahankan"},
     {"keep its", "keep their", "kept its", "stays in force", "stay in force", "remains in force", "remain in force",
      "remains valid", "remain valid"}),
    # sooner against later: "datang lebih awal" / "mundur dua dasarian", "earlier than usual" / "later than usual"
    ({"lebih awal", "lebih cepat dari"}, {"earlier than", "ahead of schedule"},
     {"mundur", "lebih lambat", "terlambat"}, {"later than", "behind schedule"}),
    # a court's or a board's answer to a request: granted / rejected, thrown out
    ({"mengabulkan", "dikabulkan"}, {"granted", "grants", "grant", "upheld", "upholds"},
     {"menolak", "ditolak"}, {"rejected", "rejects", "dismissed", "dismisses", "threw", "throws", "thrown"}),
    # a change against no change: "raised its rate to 6.25%" / "held its rate steady at 6%"
    ({"naik", "kenaikan", "menaikkan", "dinaikkan"}, {"raised", "raises", "hiked", "hikes", "increased", "increase",
                                                     "increases", "rise", "rises", "go up", "goes up"},
     {"stabil", "ditahan", "dipertahankan", "mempertahankan", "tidak berubah"},
     {"unchanged", "steady", "stable", "flat", "stay at", "stays at", "remain at", "remains at", "kept at", "held at"}),
    ({"turun", "menurunkan", "diturunkan", "memangkas", "dipangkas"}, {"cut", "cuts", "lowered", "lowers", "reduced"},
     {"stabil", "ditahan", "dipertahankan", "mempertahankan"}, {"unchanged", "steady", "stable", "flat"}),
    # more against fewer: "lebih dari 500 orang" / "fewer than 500 people"
    ({"lebih"}, {"more"}, {"kurang"}, {"fewer", "less"}),
    # a hospital, a shelter, a car park full against room left: "sudah penuh" / "masih leluasa menampung"
    ({"sudah penuh", "telah penuh", "penuh sesak", "kewalahan", "overkapasitas"},
     {"are full", "is full", "already full", "were full", "was full", "at capacity", "at full capacity", "fully booked",
      "fully occupied", "overwhelmed"},
     {"masih leluasa", "leluasa", "masih tersedia", "masih kosong", "masih cukup"},
     {"room for", "ample room", "plenty of room", "spare capacity", "still available", "vacant", "beds available"}),
    # scope: what the claim says of all, the source restricts to some ("for all goods" / "only for
    # luxury goods")
    ({"semua", "seluruh"}, {"all", "every"}, {"hanya"}, {"only"}),
]


# Words of one news predicate or argument, in either language (not opposites): a paraphrase
# holds the claim's predicate ("lend" / "loan", "detained" / "arrested", "terjebak" /
# "terperangkap"). A general table of the verbs and nouns of wire copy, from a thesaurus's view,
# not from any labelled pair; each group is one sense, and every form is listed (no stemming); a
# phrase ("set aside") is looked for in the passage's text.
SYNONYMS = [
    ({"membawa", "dibawa", "mengangkut", "diangkut", "memuat", "dimuat"},
     {"carry", "carries", "carried", "carrying", "transport", "transports", "transported", "transporting"}),
    ({"meminjamkan", "dipinjamkan", "pinjaman", "utang"},
     {"lend", "lends", "lent", "lending", "loan", "loans", "credit"}),
    ({"membangun", "dibangun", "pembangunan", "mendirikan", "didirikan"},
     {"build", "builds", "built", "building", "construct", "constructs", "constructed", "construction", "erect", "erected",
      "put up"}),
    ({"menangkap", "ditangkap", "penangkapan", "membekuk", "dibekuk", "meringkus", "diringkus", "mengamankan", "diamankan"},
     {"arrest", "arrests", "arrested", "apprehend", "apprehended", "capture", "captured", "nabbed", "detain", "detained",
      "detains", "seized"}),
    ({"menyebabkan", "disebabkan", "memicu", "dipicu", "penyebab", "akibat"},
     {"cause", "caused", "causes", "causing", "trigger", "triggered", "triggers", "led to", "result of", "due to",
      "because of"}),
    ({"melampaui", "melebihi", "lebih dari"}, {"exceeded", "exceed", "exceeds", "surpassed", "topped", "more than"}),
    ({"tewas", "meninggal", "menewaskan", "wafat", "kematian"},
     {"kill", "kills", "killed", "killing", "die", "died", "dies", "dead", "death", "deaths", "fatalities"}),
    ({"terluka", "luka", "cedera", "melukai"}, {"injure", "injured", "injures", "injuring", "injuries", "wounded", "hurt"}),
    ({"dievakuasi", "mengevakuasi", "evakuasi", "diselamatkan", "menyelamatkan", "dipindahkan", "memindahkan",
      "direlokasi"},
     {"evacuate", "evacuated", "evacuates", "evacuation", "rescue", "rescued", "rescues", "relocated", "relocate",
      "relocation"}),
    ({"terjebak", "terperangkap", "terkurung"}, {"trapped", "stranded", "stuck"}),
    ({"selamat", "hidup"}, {"alive", "survived", "survive", "survivors", "unharmed"}),
    ({"keadaan", "kondisi"}, {"condition", "state"}),
    ({"membeli", "dibeli", "pembelian", "mengakuisisi", "diakuisisi", "akuisisi"},
     {"buy", "buys", "bought", "buying", "purchase", "purchases", "purchased", "acquire", "acquired", "acquisition"}),
    ({"menjual", "dijual", "penjualan"}, {"sell", "sells", "sold", "selling", "sale", "sales"}),
    ({"memperluas", "diperluas", "perluasan", "memperbesar"},
     {"expand", "expands", "expanded", "expanding", "expansion", "extend", "extends", "extended", "widen", "widened", "enlarge", "broaden"}),
    ({"listrik", "kelistrikan"}, {"electricity", "power", "electric", "electrical"}),
    ({"jaringan"}, {"grid", "network", "networks", "grids"}),
    ({"menyelidiki", "diselidiki", "penyelidikan", "menyidik", "disidik", "penyidikan"},
     {"investigate", "investigates", "investigated", "investigating", "investigation", "probe", "probed", "probing"}),
    ({"menyita", "disita", "penyitaan"}, {"seize", "seized", "seizes", "seizure", "confiscate", "confiscated"}),
    ({"mengungsi", "pengungsi", "pengungsian"}, {"fled", "flee", "flees", "displaced", "refuge", "shelter", "sheltering", "evacuees"}),
    ({"mengguncang", "diguncang", "melanda", "dilanda", "menghantam", "dihantam", "mengguyur", "diguyur"},
     {"struck", "strike", "strikes", "hit", "hits", "jolted", "rocked", "shook"}),
    ({"menggelar", "digelar", "menyelenggarakan", "diselenggarakan", "mengadakan", "diadakan"},
     {"hold", "holds", "held", "stage", "staged", "host", "hosted", "organise", "organised", "organize", "organized"}),
    ({"memulai", "dimulai", "meluncurkan", "diluncurkan"}, {"start", "started", "starts", "begin", "began", "launch", "launched", "launches"}),
    ({"selesai", "berakhir", "rampung", "menyelesaikan", "diselesaikan"}, {"end", "ended", "ends", "finish", "finished", "complete", "completed"}),
    ({"mendakwa", "didakwa", "dakwaan", "menuduh", "dituduh"}, {"charge", "charged", "charges", "indicted", "accused"}),
    ({"menunda", "ditunda", "penundaan", "diundur", "mengundur"}, {"postpone", "postponed", "postpones", "delay", "delayed", "delays", "defer", "deferred"}),
    ({"bantuan", "membantu", "dibantu"}, {"aid", "assistance", "help", "helps", "helped", "support"}),
    ({"warga", "penduduk", "masyarakat", "orang", "jiwa"}, {"residents", "inhabitants", "people", "villagers", "locals"}),
    ({"anak", "murid", "siswa", "pelajar"}, {"children", "child", "kids", "pupils", "students", "schoolchildren"}),
    ({"gedung", "bangunan"}, {"building", "buildings"}),
    ({"mencatat", "dicatat", "tercatat", "mencatatkan"}, {"record", "recorded", "records", "logged", "log", "logs",
                                                         "registered", "counted"}),
    ({"merenovasi", "direnovasi", "renovasi", "merehabilitasi", "direhabilitasi", "rehabilitasi", "memperbaiki",
      "diperbaiki", "perbaikan"},
     {"renovate", "renovated", "renovation", "rehabilitate", "rehabilitated", "rehabilitation", "repair", "repaired",
      "repairs", "refurbish", "refurbished"}),
    ({"mengalokasikan", "dialokasikan", "alokasi", "menganggarkan", "dianggarkan", "menyiapkan", "disiapkan"},
     {"allocate", "allocated", "allocates", "allocation", "earmark", "earmarked", "budgeted", "set aside"}),
    ({"pekerja", "karyawan", "buruh", "pegawai"}, {"workers", "employees", "staff", "labourers", "laborers", "workforce"}),
    ({"rumah", "hunian"}, {"house", "houses", "homes", "home", "dwellings"}),
    ({"sekolah"}, {"school", "schools"}),
    ({"harga", "tarif"}, {"price", "prices", "tariff", "tariffs", "fare", "fares", "rate", "rates"}),
    ({"memberikan", "memberi", "diberikan", "mengirim", "mengirimkan", "dikirim", "menyerahkan", "diserahkan",
      "menyumbangkan", "disumbangkan"},
     {"provide", "provides", "provided", "providing", "give", "gives", "gave", "given", "send", "sends", "sent",
      "deliver", "delivers", "delivered", "supply", "supplies", "supplied", "donate", "donated"}),
    ({"menjalankan", "dijalankan", "mengoperasikan", "dioperasikan", "mengelola", "dikelola"},
     {"run", "runs", "ran", "operate", "operates", "operated", "operating", "manage", "managed"}),
    ({"menerima", "diterima", "mendapat", "mendapatkan", "memperoleh", "diperoleh"},
     {"receive", "receives", "received", "get", "gets", "got", "obtain", "obtained"}),
    # a state of emergency, a curfew: "declared" = "imposed" = "diberlakukan" = "ditetapkan"
    ({"memberlakukan", "diberlakukan", "menetapkan", "ditetapkan", "mengumumkan"},
     {"impose", "imposed", "imposes", "declare", "declared", "declares"}),
    ({"tenggelam", "karam", "terbalik"}, {"sank", "sink", "sinks", "sunk", "capsized", "capsize", "capsizes"}),
    ({"menunjukkan", "mencerminkan", "memperlihatkan", "menandakan"},
     {"show", "shows", "showed", "shown", "reflect", "reflects", "reflected", "indicate", "indicates", "indicated",
      "demonstrate", "demonstrated"}),
    ({"menyiapkan", "disiapkan", "mengalokasikan", "dialokasikan", "menganggarkan", "dianggarkan"},
     {"prepare", "prepared", "prepares", "allocate", "allocated", "allocates", "earmark", "earmarked", "set aside",
      "sets aside"}),
    ({"mengundurkan", "mundur", "berhenti"}, {"resign", "resigned", "resigns", "quit", "quits", "step down", "stepped down",
                                               "steps down"}),
    ({"menaikkan", "dinaikkan"}, {"raise", "raised", "raises", "hike", "hiked", "hikes", "increase", "increased"}),
    ({"memangkas", "dipangkas", "menurunkan", "diturunkan", "mengurangi", "dikurangi"},
     {"cut", "cuts", "lower", "lowered", "lowers", "reduce", "reduced", "reduces", "slash", "slashed", "trim", "trimmed"}),
    ({"menemukan", "ditemukan"}, {"find", "found", "finds", "recover", "recovered", "recovers", "located"}),
    ({"menyalurkan", "disalurkan", "membagikan", "dibagikan", "mendistribusikan", "didistribusikan"},
     {"distribute", "distributed", "distributes", "distributing", "hand out", "handed out", "hands out"}),
    ({"dibuka kembali", "beroperasi kembali", "dilanjutkan", "dilanjutkan kembali"},
     {"reopen", "reopens", "reopened", "resume", "resumes", "resumed", "restart", "restarts", "restarted"}),
    ({"gratis", "cuma-cuma", "tanpa biaya"}, {"free", "free of charge"}),
    ({"menyerap", "diserap", "penyerapan", "pengadaan"},
     {"absorb", "absorbed", "absorbs", "procure", "procured", "procures", "procurement"}),
    ({"tetap", "bertahan"}, {"stay", "stayed", "stays", "remain", "remained", "remains", "remaining"}),
    ({"mereda", "melandai", "melambat"}, {"eased", "eases", "easing", "slowed", "slows", "moderated", "cooled",
                                           "subsided"}),
    ({"mempertahankan", "dipertahankan", "menahan", "ditahan"}, {"kept", "keep", "keeps", "held", "holds", "maintained",
                                                                  "maintains"}),
    ({"wilayah", "kawasan", "daerah"}, {"area", "areas", "region", "regions", "district", "districts"}),
    ({"menjatuhkan", "dijatuhi", "divonis", "dihukum", "dipenjara"},
     {"sentenced", "sentence", "jailed", "jail", "imprisoned"}),
    # handing something to someone, and who buys
    ({"memberikan", "memberi", "diberikan", "menyediakan", "disediakan"},
     {"give", "gives", "gave", "given", "giving", "provide", "provides", "provided", "providing", "supply", "supplies",
      "supplied"}),
    ({"pembeli", "konsumen", "pelanggan"}, {"shoppers", "shopper", "buyers", "buyer", "consumers", "consumer", "customers",
                                            "customer"}),
]


_NAME_STOP = frozenset(
    """The A An On In At Of For To From By With As But And Or If When While After Before Since
    Rp US He She It They We I His Her Their This That These Those There Mr Mrs Ms Dr Prof
    Pada Di Ke Dari Dalam Menurut Seperti Namun Tetapi Dan Atau Ia Dia Mereka Kami Kita Saya Itu Ini
    Yang Untuk Dengan Oleh Sejak Hingga Sementara Kemudian Setelah Sebelum Para Sang Selain""".split()
)


@dataclass(frozen=True)
class Number:
    value: float
    text: str
    unit: str | None = None  # percent, rupiah, dollar…


@dataclass
class Anchors:
    numbers: list[Number] = field(default_factory=list)
    years: set[int] = field(default_factory=set)
    months: set[int] = field(default_factory=set)
    days: set[int] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    quotes: list[str] = field(default_factory=list)
    qualifiers: set[str] = field(default_factory=set)
    negated: bool = False
    negations: set[str] = field(default_factory=set)  # the negation words and phrases found
    poles: set[int] = field(default_factory=set)
    predicates: dict[int, set[str]] = field(default_factory=dict)  # PREDICATES index -> sides ("a"/"b")
    negated_sides: dict[int, str] = field(default_factory=dict)  # PREDICATES index -> the side a negation governs


def _parse_numeral(tok: str, lang: str) -> float | None:
    """A digit string in the language's convention: id "1.500,5" / en "1,500.5"."""
    t = tok
    if lang == "id":
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", t) or re.fullmatch(r"\d+(?:,\d+)?", t):
            t = t.replace(".", "").replace(",", ".")
        elif re.fullmatch(r"\d+\.\d{1,2}", t):  # "2.5" written English-style in Indonesian text
            pass
        else:
            t = t.replace(".", "").replace(",", ".")
    else:
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", t):
            t = t.replace(",", "")
        elif re.fullmatch(r"\d+,\d{1,2}", t):  # "3,5" in an English text: a decimal comma
            t = t.replace(",", ".")
        else:
            t = t.replace(",", "")
    try:
        return float(t)
    except ValueError:
        return None


def _words_number(words: list[str], lang: str) -> tuple[float | None, int]:
    """Parse a number written in words at the start of ``words``: (value, words used)."""
    units = _ID_UNITS if lang == "id" else _EN_UNITS
    first = words[0].lower().strip(",.") if words else ""
    if not (first in units or (lang == "id" and first.endswith("belas") and first[:-5] in units)):
        return None, 0  # a bare scale word ("miliar", "million") follows a digit, counted there
    total, current, used, last = 0, 0, 0, 0
    i = 0
    scales = _ID_SCALES if lang == "id" else _EN_SCALES
    while i < len(words):
        w = words[i].lower().strip(",.")
        if lang == "id" and w.endswith("belas") and w != "belas" and w[:-5] in units:
            last = 10 + units[w[:-5]]
            current += last
        elif lang == "id" and w == "belas" and last:
            current += 10
            last += 10
        elif lang == "id" and w in ("seratus", "seribu"):
            if w == "seratus":
                current += 100
                last = 0
            else:
                total += 1000
                last = 0
        elif w in units and not (w == "a" and (i + 1 >= len(words) or words[i + 1].lower() not in scales)):
            last = units[w]
            current += last
        elif w in scales and scales[w]:
            scale = scales[w]
            if scale >= 1000:
                total += (current or 1) * scale
                current, last = 0, 0
            else:  # puluh, ratus, hundred: multiply the last unit only ("dua ratus lima puluh")
                unit = last or 1
                current = current - last + unit * scale
                last = 0
        elif lang == "en" and w == "and" and used:
            pass
        else:
            break
        i += 1
        used = i
    value = total + current
    return (float(value) if used else None), used


_NUM_RE = re.compile(r"(?:(?<=Rp)|(?<=\$)|(?<![\w.,]))(\d+(?:[.,]\d+)*)(?![\w])")
_WORD_RE = re.compile(r"[A-Za-z']+")


_DATE_TIME = re.compile(
    r"\b\d{1,2}\s?/\s?\d{1,2}\s?/\s?\d{2,4}\b"  # 7/1/2022, 10 / 1 / 2022
    r"|\b\d{1,2}[.:]\d{2}(?=\s*(?:WIB|WITA|WIT|am|pm|a\.m\.|p\.m\.|GMT|UTC|local|waktu|pagi|siang|sore|malam)\b)"
    r"|\b\d{1,2}:\d{2}\b",
    re.IGNORECASE,
)
_SUFFIX_SCALE = {"bn": 1e9, "b": 1e9, "m": 1e6, "mn": 1e6, "k": 1e3, "tn": 1e12}


# a duration written as a clock ("finished in 2:03:12", "2.03.12"): its hours, minutes and seconds,
# as "2 hours 3 minutes 12 seconds" / "2 jam 3 menit 12 detik" give them
CLOCK_DURATION = re.compile(r"(?<![\w.:,])(\d{1,2})[:.](\d{2})[:.](\d{2})(?![\w:]|[.,]\d)")
DURATION_UNITS = frozenset("jam menit detik hour hours minute minutes second seconds".split())


def numbers(text: str, lang: str) -> list[Number]:
    out: list[Number] = []
    for m in CLOCK_DURATION.finditer(text):
        out += [Number(float(int(g)), g) for g in m.groups()]
    text = CLOCK_DURATION.sub(lambda m: " " * len(m.group(0)), text)
    text = _DATE_TIME.sub(lambda m: " " * len(m.group(0)), text)  # dates and times are not quantities
    for m in re.finditer(r"(?<![\w.,])(?:[$£€]|US\$|Rp)?(\d+(?:[.,]\d+)?)(bn|mn|tn|m|b|k)\b", text):
        v = _parse_numeral(m.group(1), "en" if lang == "en" else lang)
        if v is not None:
            out.append(Number(v * _SUFFIX_SCALE[m.group(2)], m.group(0), "dollar" if "$" in m.group(0) else None))
    text = re.sub(r"(?<![\w.,])(?:[$£€]|US\$|Rp)?\d+(?:[.,]\d+)?(?:bn|mn|tn|m|b|k)\b", lambda m: " " * len(m.group(0)), text)
    for m in _NUM_RE.finditer(text):
        raw = m.group(1).rstrip(".,")
        v = _parse_numeral(raw, lang)
        if v is None:
            continue
        after = text[m.end() : m.end() + 20].lower()
        sm = re.match(r"\s*(ribu|juta|miliar|milyar|triliun|thousand|million|billion|trillion)\b", after)
        if sm:
            v *= _NUM_SCALE_WORDS[sm.group(1)]
        unit = None
        if re.match(r"\s*(?:persen|percent|%)", after):
            unit = "percent"
        before = text[max(0, m.start() - 4) : m.start()].lower()
        if "rp" in before or re.match(r"\s*(?:\w+\s+)?rupiah", after):
            unit = "rupiah"
        elif "$" in before or re.match(r"\s*(?:\w+\s+)?(?:dolar|dollars?)", after):
            unit = "dollar"
        out.append(Number(v, m.group(0), unit))
    words = [(m.group(0), m.start()) for m in _WORD_RE.finditer(text)]
    if lang == "en":  # "thirtyfold" = "tiga puluh kali lipat" = 30; "doubled" = "naik dua kali lipat"
        for k, (w, _) in enumerate(words):
            base = w.lower()[:-4] if w.lower().endswith("fold") else ""
            if base in _EN_UNITS and base != "a" or base in _EN_SCALES:
                out.append(Number(float(_EN_UNITS.get(base) or _EN_SCALES[base]), w))
            elif w.lower() in ("double", "triple") and (k + 1 >= len(words) or words[k + 1][0].lower() not in _MULTIPLE_OF):
                continue
            elif w.lower() in _EN_MULTIPLES:
                out.append(Number(_EN_MULTIPLES[w.lower()], w))
    i = 0
    while i < len(words):
        v, used = _words_number([w for w, _ in words[i : i + 8]], lang)
        if v is not None and used and not (lang == "id" and words[i][0].lower() == "se" ) and not (used == 1 and words[i][0].lower() in ("a", "satu", "one", "se")):
            out.append(Number(v, " ".join(w for w, _ in words[i : i + used])))
            i += used
        else:
            i += 1
    return out


_NAMED_NEGATION = re.compile(r"(?<=[\w'’] )(?:Without|No|Not|Never|None|Tanpa|Tidak|Tak|Bukan|Belum)\b")


def _months_and_days(text: str, low: str) -> tuple[set[int], set[int]]:
    """The months and weekdays a text names. "May", "Mei", "March", "Maret" are months before a
    day or a year ("Mei lalu", "March 2024") or after a word that introduces a time ("mulai Mei",
    "pada bulan Maret", "from May", "in March"); "Minggu" is Sunday as "hari Minggu" or before a date."""
    months, days = set(), set()
    for w in re.findall(r"[a-z']+", low):
        if w in _MONTH_OF and len(w) > 3 and w not in ("may", "mar", "jun", "jul", "sep", "dec", "des"):
            months.add(_MONTH_OF[w])
        if w in _DAY_OF and w != "minggu":
            days.add(_DAY_OF[w])
    if re.search(r"\bhari\s+minggu\b|\bminggu\s*(?:\(|,?\s*\d)", low):
        days.add(7)
    for m in re.finditer(r"\b(?:May|Mei|March|Maret)\b(?=\s+\d|\s+lalu|\s+last|\s+this|\s+ini|,?\s+\d{4})", text):
        months.add(_MONTH_OF[m.group(0).lower()])
    for m in re.finditer(r"\b(?:mulai|pada|bulan|hingga|sampai|sejak|akhir|awal|pertengahan|in|from|until|since|by|"
                         r"early|late|mid|of)\s+(May|Mei|March|Maret)\b", text):
        months.add(_MONTH_OF[m.group(1).lower()])
    return months, days


def extract(text: str, lang: str, registry=None) -> Anchors:
    a = Anchors()
    low = text.lower()
    for n in numbers(text, lang):
        if 1900 <= n.value <= 2100 and float(n.value).is_integer() and n.unit is None and re.fullmatch(r"\d{4}", n.text.strip()):
            a.years.add(int(n.value))
        else:
            a.numbers.append(n)
    a.months, a.days = _months_and_days(text, low)
    # names: capitalised multi-word runs (not sentence-initial function words) and registry aliases
    for m in re.finditer(r"(?<![\w])([A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|bin|van|de|al-\w+)){0,4})", text):
        run = m.group(1)
        toks = run.split()
        if m.start() == 0 or text[max(0, m.start() - 2) : m.start()].strip() in (".", "“", '"'):
            # sentence-initial: keep only runs of 2+ capitalised words
            if len(toks) < 2:
                continue
        while toks and (toks[0] in _NAME_STOP or toks[0].lower() in _MONTH_OF or toks[0].lower() in _DAY_OF):
            toks = toks[1:]
        toks = [t for t in toks if t.lower() not in _MONTH_OF and t.lower() not in _DAY_OF]
        # a possessive is the same name: "South Korea's" = "South Korea"
        toks = [re.sub(r"['’]s$", "", t) for t in toks]
        if toks and not (len(toks) == 1 and toks[0] in _NAME_STOP):
            a.names.add(" ".join(toks))
    if registry is not None:
        for sm in registry.find_all(text):
            a.names.add(sm.entry.name)
    for q in re.findall(r"[“\"]([^”\"]{3,400})[”\"]", text):
        a.quotes.append(q.strip())
    words = set(re.findall(r"[a-z']+", low))
    a.qualifiers = _qualifiers(low, words, lang, text)
    # a negation word inside a name negates nothing ("Reporters Without Borders", "Partai Bukan
    # Kita"): a capitalised one after a word, not at the sentence's start
    nlow = _NAMED_NEGATION.sub(" ", text).lower()
    nwords = set(re.findall(r"[a-z']+", nlow))
    a.negated = _negated(nlow, nwords, lang)
    if a.negated:
        a.negations = {n for n in NEGATIONS[lang] if (" " in n and n in nlow) or n in nwords}
        denial = _DENIAL[lang].search(nlow)
        if denial:  # "dismissed reports that …": the denying verb negates
            a.negations.add(denial.group(0).split()[0])
    pwords = words if lang == "id" else set(re.findall(r"[a-z']+", _phrasal_particles(low)))
    for i, (idp, enp) in enumerate(POLES):
        if pwords & (idp if lang == "id" else enp):
            a.poles.add(i)
    a.predicates = _predicates(low, words, lang)
    if a.negated:
        a.negated_sides = _negated_sides(nlow, lang)
    return a


# "Up" and "down" as the particle of a phrasal verb are no direction: "set up a task force",
# "shut down the plant", "stepped down"; "dry up" is a fall ("orders dry up"). Before a figure they
# are one: "the index ended up 1.2 percent"
_DRY_UP = re.compile(r"\b(?:dry|dries|dried|drying)\s+up\b")
_PHRASAL = re.compile(
    r"\b(?:" + "|".join(("set", "sets", "setting", "sign", "signs", "signed", "signing", "show", "shows", "showed", "showing",
                      "end", "ends", "ended", "ending", "make", "makes", "made", "making", "take", "takes", "took", "taking",
                      "taken", "follow", "follows", "followed", "following", "give", "gives", "gave", "giving", "given",
                      "back", "backs", "backed", "backing", "wrap", "wraps", "wrapped", "wrapping", "line", "lined", "lining",
                      "clean", "cleans", "cleaned", "cleaning", "team", "teamed", "teaming", "turn", "turns", "turned",
                      "turning", "break", "breaks", "broke", "broken", "breaking", "call", "calls", "called", "calling",
                      "look", "looks", "looked", "looking", "stand", "stands", "stood", "standing", "shut", "shuts",
                      "shutting", "step", "steps", "stepped", "stepping", "crack", "cracks", "cracked", "cracking",
                      "play", "plays", "played", "playing", "track", "tracked", "tracking", "hunt", "hunted", "hunting",
                      "tear", "tore", "torn", "write", "wrote", "written", "calm", "calmed", "sit", "sat", "hand", "hands",
                      "handed", "handing", "lay", "laid", "pull", "pulled", "wind", "winds", "wound")) + r")\s+(?:up|down)\b(?!\s+(?:by\s+)?\d)")


def _phrasal_particles(low: str) -> str:
    """An English lower-cased text with its phrasal verbs' "up"/"down" particles taken out."""
    low = _DRY_UP.sub("dwindled", low)
    return _PHRASAL.sub(lambda m: m.group(0).rsplit(None, 1)[0], low)


def _qualifiers(low: str, words: set[str], lang: str, text: str = "") -> set[str]:
    """The hedges of a text (``low``: lower-cased); a denied one is none ("tidak berpotensi")."""
    text = text or low
    out = set()
    for qual in QUALIFIERS[lang]:
        if not ((" " in qual and qual in low) or qual in words):
            continue
        if lang == "id" and qual in _DENIABLE_HEDGES and not re.search(rf"(?<!tidak )(?<!tak )\b{qual}\b", low):
            continue  # every use of it is denied
        if qual == "may" and not re.search(r"\bmay\b(?!\s+no\s+longer)", text):
            continue  # "May" is a month; "may no longer give" is a rule (no longer allowed), not a hedge
        out.add(qual)
    return out


def _predicates(low: str, words: set[str], lang: str) -> dict[int, set[str]]:
    """The sides of PREDICATES' pairs a lower-cased text says, by a word or a phrase ("picked up")."""
    def said(ws) -> bool:
        return bool(words & ws) or any(" " in w and re.search(rf"\b{w}\b", low) for w in ws)

    out = {}
    for i, (ida, ena, idb, enb) in enumerate(PREDICATES):
        sa, sb = (ida, idb) if lang == "id" else (ena, enb)
        sides = ({"a"} if said(sa) else set()) | ({"b"} if said(sb) else set())
        if sides:
            out[i] = sides
    return out


# A negation right before one side of an opposite pair says the other side: "tidak boleh lagi
# memberikan" (may no longer give) is "dilarang" (banned), "did not approve" is "rejected"
_NEGATED_WORD = {
    "id": re.compile(r"\b(?:tidak|tak|bukan|belum|jangan)\s+(?:(?:lagi|akan|pernah|juga)\s+){0,2}([a-z-]+)"),
    "en": re.compile(r"\b(?:not|n't|never|no\s+longer)\s+(?:(?:be|been|being|to|longer|yet|any|be\s+able\s+to)\s+){0,2}([a-z-]+)"),
}


def sides_said(a: Anchors) -> dict[int, set[str]]:
    """The sides of the opposite pairs a text says, a negated side read as the other one: "did
    not grant" says rejected, "tidak menolak" says agreed."""
    return {i: ({"a", "b"} - {a.negated_sides[i]}) if i in a.negated_sides and len(sides) == 1 else sides
            for i, sides in a.predicates.items()}


def _negated_sides(low: str, lang: str) -> dict[int, str]:
    """The sides of PREDICATES' pairs that a negation word governs: the word right after it (or
    after "lagi", "akan", "be", "to"…)."""
    out = {}
    for m in _NEGATED_WORD[lang].finditer(low.replace("n't", " n't")):
        w = m.group(1)
        for i, (ida, ena, idb, enb) in enumerate(PREDICATES):
            sa, sb = (ida, idb) if lang == "id" else (ena, enb)
            if w in sa and w not in sb:
                out[i] = "a"
            elif w in sb and w not in sa:
                out[i] = "b"
    return out


# "Free" said with a negation word: "tanpa biaya" (without cost), "at no cost", "free of charge"
# affirm that something is free; they negate nothing.
_FREE_OF_CHARGE = {
    "id": re.compile(r"\btanpa\s+(?:dipungut\s+)?(?:biaya|bayar|bayaran|dipungut)\b|\btidak\s+dipungut\s+biaya\b"),
    "en": re.compile(r"\b(?:at\s+no|no|without|free\s+of)\s+(?:extra\s+|additional\s+)?(?:cost|charge|fee)s?\b"),
}


# Declining to comment says nothing either way: "did not comment on …", "declined to comment",
# "tidak berkomentar", "enggan menanggapi" negate nothing of the claim (the source does not address it)
_NO_COMMENT = {
    "id": re.compile(r"\b(?:tidak|tak|belum|enggan|menolak)\s+(?:mau\s+|bersedia\s+)?(?:berkomentar|mengomentari|"
                     r"menanggapi|memberikan\s+(?:komentar|tanggapan|keterangan))\b"),
    "en": re.compile(r"\b(?:did\s+not|didn't|does\s+not|doesn't|would\s+not|wouldn't|declined\s+to|refused\s+to|"
                     r"has\s+not|hasn't|have\s+not|not)\s+(?:immediately\s+)?(?:comment|respond|reply)\w*\b"),
}


# "Not just", "bukan hanya": additive, not a negation
_NOT_ONLY = {
    "id": re.compile(r"\b(?:bukan|tidak|tak)\s+(?:hanya|sekadar|cuma|saja)\b"),
    "en": re.compile(r"\bnot\s+(?:just|only|merely|simply)\b"),
}


def _negated(low: str, words: set[str], lang: str) -> bool:
    """Whether a (lower-cased) text negates: a negation word or phrase, or a denial ("dismissed
    reports that …", "membantah kabar bahwa …"), unless it is a denial of a negative statement (a
    negation inside the denied complement cancels the denial). "Free of charge" said with a
    negation ("tanpa biaya", "at no cost") negates nothing, nor does "not just" / "bukan hanya"."""
    if _FREE_OF_CHARGE[lang].search(low) or _NOT_ONLY[lang].search(low) or _NO_COMMENT[lang].search(low):
        low = _NO_COMMENT[lang].sub(" ", _NOT_ONLY[lang].sub(" ", _FREE_OF_CHARGE[lang].sub(" gratis ", low)))
        words = set(re.findall(r"[a-z']+", low))
    neg = any((" " in n and n in low) or n in words for n in NEGATIONS[lang]) or (lang == "en" and "n't" in low)
    m = _DENIAL[lang].search(low)
    neg = neg or m is not None
    if m:
        rest = low[m.end():]
        rest_words = set(re.findall(r"[a-z']+", rest))
        if any((" " in n and n in rest) or n in rest_words for n in NEGATIONS[lang]) or (lang == "en" and "n't" in rest):
            return False
    return neg


_CLAUSE_SPLIT = re.compile(
    r"[;:]\s|,\s(?=(?:but|while|although|whereas|adding|stressing|saying|noting|and|which|who|tetapi|namun|sementara|sedangkan|dan|yang|seraya|sambil)\b)"
    r"|\s(?=(?:but|while|although|whereas|tetapi|namun|sementara|sedangkan)\s)|(?<=[.!?])\s+",
    re.IGNORECASE,
)


def stems(text: str) -> set[str]:
    """Crude language-neutral stems: content words cut to five letters."""
    from .similarity import content_words

    return {w[:5] for w in content_words(text)}


def clauses(text: str) -> list[str]:
    return [p for p in _CLAUSE_SPLIT.split(text) if p and p.strip()] or [text]


def best_clause(text: str, query: str) -> str:
    """The clause of ``text`` that shares most stems with ``query`` (numbers, dates, negation and
    hedges are judged there, not anywhere in the passage)."""
    parts = clauses(text)
    if len(parts) <= 1:
        return text
    q = stems(query)
    return max(parts, key=lambda p: (len(stems(p) & q), -len(p)))


def relevant_clauses(text: str, query: str) -> list[str]:
    """Clauses about the claim: sharing at least two stems and half as many as the best one."""
    q = stems(query)
    scored = [(len(stems(p) & q), p) for p in clauses(text)]
    top = max((n for n, _ in scored), default=0)
    return [p for n, p in scored if n >= max(2, top / 2)] or [best_clause(text, query)]


def rest_clauses(text: str, query: str) -> list[str]:
    """Clauses that hold two of the claim's stems or more that its best clause lacks: the rest of
    the claim, said in another sentence ("Kebakaran menghanguskan gudang … . Api diduga berasal dari
    korsleting": the cause, and its hedge, are in the second)."""
    q = stems(query)
    best = stems(best_clause(text, query)) & q
    return [p for p in clauses(text) if len((stems(p) & q) - best) >= 2]


def name_tokens(names: set[str]) -> set[str]:
    """Lower-cased tokens of names, for cross-language comparison (ignoring short words)."""
    return {re.sub(r"['’]s$", "", t.lower()).strip("'’") for n in names for t in re.split(r"[\s-]+", n) if len(t) > 2}


def predicate_word(i: int, sides: set[str], lang: str) -> str:
    """A readable label for one side of a PREDICATES pair: its shortest English word."""
    ida, ena, idb, enb = PREDICATES[i]
    return min(ena if "a" in sides else enb, key=lambda w: (len(w), w))


PREDICATE_WORDS = frozenset(predicate_word(i, {side}, "en") for i in range(len(PREDICATES)) for side in "ab")


# Who beat whom: a contest's winner is named before an active verb ("Vietnam beat Indonesia",
# "Persib menundukkan Persija", "knocked X out") and after a passive one ("beaten by", "lost to",
# "kalah dari", "dikalahkan").
_WIN = {
    "en": (r"beat|beats|defeated|defeats|edged|edges|thrashed|overcame|outplayed|routed|stunned|eliminated|knocked|"
           r"won(?:\s+\d+\s*-\s*\d+)?\s+(?:against|over)|(?:see|sees|saw|seeing)\s+off",
           r"(?:beaten|defeated|edged|thrashed|eliminated|ousted|knocked\s+out)\s+by|(?:lost|loses|fell)(?:\s+\d+\s*-\s*\d+)?\s+to|"
           r"suffered\s+an?\s+(?:\d+\s*-\s*\d+\s+)?(?:defeat|loss)\s+(?:to|against)"),
    "id": (r"mengalahkan|menundukkan|menaklukkan|membungkam|menyingkirkan|menggulung|menang(?:\s+\d+\s*-\s*\d+)?\s+(?:atas|dari)|"
           r"(?:meraih|memetik|mencatat|membukukan)\s+kemenangan(?:\s+\d+\s*-\s*\d+)?\s+(?:atas|dari)",
           r"dikalahkan|ditundukkan|ditaklukkan|dibungkam|disingkirkan|digulung|kalah(?:\s+\d+\s*-\s*\d+)?\s+(?:dari|atas)|"
           r"takluk(?:\s+\d+\s*-\s*\d+)?\s+dari|takluk\s+di\s+tangan|(?:menelan|menderita|mengalami)\s+kekalahan(?:\s+\d+\s*-\s*\d+)?\s+(?:dari|atas)"),
}
# a loss with no winner named: "was knocked out of the Open", "tersingkir dari"
_LOST = {
    "en": r"(?:was|were|been|is|are)\s+(?:knocked\s+out|eliminated|ousted)(?!\s+by)",
    "id": r"tersingkir|gugur",
}
_CAP = re.compile(r"[A-Z][\w'’-]*")


def _cap_word(w: str) -> str | None:
    w = w.strip(",.;:“”\"()")
    return re.sub(r"['’]s$", "", w).lower() if _CAP.fullmatch(w) and w not in _NAME_STOP and w not in MONTH_NAMES else None


def _name_run(words: list[str], from_end: bool) -> frozenset[str]:
    """The run of capitalised words nearest the verb, as name tokens: before it, the last run
    ("Kedah Utama came from a goal down to beat"), after it, the first ("beat Indonesia's
    Persikota Raya": the possessive's words too)."""
    run: list[str] = []
    for w in (reversed(words) if from_end else words):
        c = _cap_word(w)
        if run and from_end and w[-1:] in ",;:":
            break  # "As reported by Reuters, Persikota Raya beat": the run starts after the comma
        if c:
            run.append(c)
        elif run:
            break
        if run and not from_end and w[-1:] in ",;:":
            break
    return frozenset(run)


def _contest(text: str, lang: str) -> tuple[frozenset, frozenset] | None:
    """(winner, loser) of the first contest verb in ``text``, by the verb's voice, each as the name
    tokens of the nearest run of capitalised words within eight words before the verb and four
    after it (empty: not named)."""
    active, passive = _WIN[lang]
    m = re.search(rf"\b(?:({passive})|({_LOST[lang]})|({active}))\b", text)
    if not m:
        return None
    a = _name_run(text[: m.start()].split()[-8:], from_end=True)
    b = _name_run(text[m.end():].split()[:4], from_end=False)
    if m.group(2):  # "was knocked out of the Open", "tersingkir": a loser, no winner named
        return (frozenset(), a)
    return (b, a) if m.group(1) else (a, b)


def reversed_roles(claim: str, clause: str, lang: str) -> tuple[str, str] | None:
    """The claim's (winner, loser) when the matching clause has the claim's winner lose, or its
    loser win ("Indonesia beat Vietnam" / "Vietnam beat Indonesia"; "beaten by Japan's Kenta" /
    "knocked Japan's Kenta out"); None otherwise."""
    c, p = _contest(claim, lang), _contest(clause, lang)
    if not c or not p or (c[0] & p[0]):
        return None
    if (c[0] & p[1]) or (c[1] & p[0]):
        def label(*sides):
            return next((" ".join(sorted(x)) for x in sides if x), "?")
        return (label(c[0], p[1]), label(c[1], p[0]))
    return None


# Who pays whom: the payer named before the verb ("Kestrel was ordered to pay", "ordered Indonesia to
# pay", "PT X membayar"), the payee after "to" / "kepada" ("… in compensation to British miner Kestrel")
_PAY = {"en": r"pay|pays|paid|paying", "id": r"membayar|membayarkan|dibayarkan"}
_PAYEE = {"en": "to", "id": "kepada"}
# where the payee's name ends: "to Petronas for the cargo", "kepada PT Timah atas …"
_PAYEE_END = frozenset("for over in on at by as after under from with since because untuk atas sebagai di pada dari "
                       "dengan karena sejak".split())


def _payment(text: str, lang: str) -> tuple[frozenset, frozenset] | None:
    """(payer, payee) of the first payment verb in ``text``, as name tokens: the payer's the nearest
    run of capitalised words within eight words before the verb, the payee's the capitalised words
    of the (up to four) words after the first "to" / "kepada" within twelve words after it, to
    the first preposition or comma."""
    m = re.search(rf"\b(?:{_PAY[lang]})\b", text)
    if not m:
        return None
    payer = _name_run(text[: m.start()].split()[-8:], from_end=True)
    after = text[m.end():].split()[:12]
    at = next((i for i, w in enumerate(after) if w == _PAYEE[lang]), None)
    if at is None:
        return None
    words = []
    for w in after[at + 1:at + 5]:
        if w.lower() in _PAYEE_END:
            break
        words.append(w)
        if w[-1:] in ",;:.":
            break
    payee = frozenset(c for c in (_cap_word(w) for w in words) if c)
    return (payer, payee) if payer and payee else None


def reversed_payment(claim: str, clause: str, lang: str) -> tuple[str, str] | None:
    """The claim's (payer, payee) when the matching clause has them the other way round ("Kestrel
    was ordered to pay … to the Indonesian government" / "ordered Indonesia to pay … to British
    miner Kestrel Resources"); None otherwise."""
    c, p = _payment(claim, lang), _payment(clause, lang)
    if not c or not p or (c[0] & p[0]) or (c[1] & p[1]):
        return None
    if (c[0] & p[1]) or (c[1] & p[0]):
        return (" ".join(sorted(c[0])), " ".join(sorted(c[1])))
    return None
