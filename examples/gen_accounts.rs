//! Benchmark data: writes a workspace of N realistic accounts for the embedded default playbook.
//!
//! usage: `cargo run --release --example gen_accounts -- N DIR [--errors K] [--seed S]`
//!
//! Deterministic for a given seed. Accounts cover every stage and outcome and every tier, are
//! about 4 KB each with contacts, visits, competitors and a development plan, and a share of them
//! have Chinese names and contacts. Every account passes `kam check` except the K made faulty with
//! `--errors K` (each gets one typical mistake: a misspelt key, an unknown enum value, a rating out
//! of range, a quoted date, a syntax error).

use std::fmt::Write as _;
use std::path::PathBuf;

/// A small deterministic generator (xorshift64*), so the data needs no extra crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const STAGES: [&str; 5] = ["qualify", "demo", "assess", "relationship", "close"];
const INDUSTRIES: [&str; 8] = [
    "Precision machining",
    "Cold-chain logistics",
    "Hospital group",
    "EV batteries",
    "Retail chain",
    "Food processing",
    "Municipal water",
    "Semiconductor packaging",
];
const ZH_COMPANIES: [&str; 6] = [
    "华东精密制造",
    "南方冷链物流",
    "长江医疗集团",
    "新能电池科技",
    "北辰食品",
    "江城水务",
];
const ZH_PEOPLE: [&str; 8] = ["王建国", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "周敏"];
const EN_COMPANIES: [&str; 6] = [
    "Acme Industrial",
    "Northwind Foods",
    "Helios Medical",
    "Volta Cells",
    "Bluewater Utilities",
    "Orbit Retail",
];
const EN_PEOPLE: [&str; 8] = [
    "Anna Weber",
    "Tom Becker",
    "Maria Lopez",
    "James Carter",
    "Olivia Brown",
    "Lukas Meyer",
    "Sofia Rossi",
    "Daniel Kim",
];

fn date(days_before: i64, today: chrono::NaiveDate) -> chrono::NaiveDate {
    today - chrono::Duration::days(days_before)
}

/// Ratings giving a tier: A, B, C or D (value factors first, then difficulty factors).
fn ratings(tier: usize) -> [u8; 7] {
    match tier {
        0 => [5, 5, 1, 2, 2, 2, 5], // A: high value, low difficulty
        1 => [4, 3, 2, 3, 3, 3, 3], // B
        2 => [2, 3, 3, 3, 4, 3, 3], // C
        _ => [1, 1, 5, 4, 5, 4, 2], // D
    }
}

const FACTORS: [&str; 7] = [
    "share",
    "business_value",
    "payment_risk",
    "effort",
    "deal_risk",
    "complexity",
    "capability",
];

fn account(i: usize, rng: &mut Rng, today: chrono::NaiveDate) -> (String, String) {
    let zh = i.is_multiple_of(3);
    let stage_pos = i % 7; // 0..=4 stages, 5 won, 6 paused
    // Only tier A enters the key selling process: accounts past `assess` are A; an account in
    // `assess` is A or B (B stays there); the others may be anything.
    // Stages passed through; a paused account rests in one of the stages.
    let reached = if stage_pos == 6 { i % 5 } else { stage_pos };
    let tier = match reached {
        3.. => 0,
        2 => i % 2,
        _ => i % 4,
    };
    let base = if zh {
        rng.pick(&ZH_COMPANIES)
    } else {
        rng.pick(&EN_COMPANIES)
    };
    let name = format!("{base} {i}");
    let id = format!("acct-{i:06}");
    let people: &[&str] = if zh { &ZH_PEOPLE } else { &EN_PEOPLE };
    let stage = match stage_pos {
        5 => "won",
        6 => "paused",
        p => STAGES[p],
    };
    let start = 30 + 25 * i64::try_from(reached).unwrap_or(0);
    let mut t = String::with_capacity(4500);
    let _ = writeln!(t, "# {name} — generated benchmark account");
    let _ = writeln!(
        t,
        "id = \"{id}\"\nname = \"{name}\"\nowner = \"{}\"",
        rng.pick(&["li.wei", "ana.garcia", "tom.becker", "chen.jing"])
    );
    let _ = writeln!(
        t,
        "stage = \"{stage}\"\ncreated = {}\nclass = [\"strategic\"]\ntags = [\"bench\"]\n",
        date(start, today)
    );
    let industry = rng.pick(&INDUSTRIES);
    let _ = writeln!(
        t,
        "[company]\nindustry = \"{industry}\"\nmain_business = \"{industry} for regional and national customers\""
    );
    let _ = writeln!(
        t,
        "current_condition = \"Growing {} % a year; capacity stretched; two plants\"",
        5 + rng.below(20)
    );
    let _ = writeln!(
        t,
        "ownership = \"private\"\nemployees = {}\nfounded = {}\nwebsite = \"https://www.example.com/{id}\"",
        200 + rng.below(5000),
        1980 + rng.below(40)
    );
    let _ = writeln!(t, "partners = [\"Regional distributor\", \"Bank of the region\"]\n");
    let _ = writeln!(
        t,
        "[products]\nmain_products = [\"Line A\", \"Line B\"]\nshare_national = {}\n",
        rng.below(30)
    );
    let _ = writeln!(
        t,
        "[finance]\nfunding = \"sufficient\"\npayment_attitude = \"prompt\"\npayment_cycle_days = {}\nbudget = {}\n",
        30 + rng.below(60),
        100_000 * (1 + rng.below(50))
    );
    let _ = writeln!(
        t,
        "[procurement]\nneed = \"Replace an unreliable supplier before the new line starts\"\nurgency = \"high\""
    );
    let _ = writeln!(
        t,
        "demo = \"Samples to the agreed drawing; passed incoming inspection\"\ndemo_date = {}",
        date(start - 20, today)
    );
    let _ = writeln!(
        t,
        "decision_cycle_days = {}\nconcerns = [\"quality\", \"service\", \"price\", \"long_term\"]\n",
        60 + rng.below(120)
    );
    let _ = writeln!(t, "[procurement.steps]");
    for step in ["need", "survey", "standards", "tender", "inspection", "agreement"] {
        let _ = writeln!(
            t,
            "{step} = {{ who = [\"c{}\"], department = \"Purchasing\" }}",
            rng.below(4)
        );
    }
    let _ = writeln!(
        t,
        "\n[expectation]\ngoal = \"Main supplier for Line B\"\ntarget_date = {}\nsuccess_rate = {}\n",
        today + chrono::Duration::days(120),
        20 + rng.below(60)
    );
    let _ = writeln!(
        t,
        "[simulation]\nreasons_to_choose_us = [\"Delivery on time\", \"Local service team\"]\ndecision_maker_help = [\"Reference visit arranged\"]\nquote_date = {}\n",
        date(start - 70, today)
    );
    let roles = [
        ("decision_maker", "supporter"),
        ("purchasing", "neutral"),
        ("finance", "supporter"),
        ("technical", "champion"),
    ];
    for (c, (role, stance)) in roles.iter().enumerate() {
        let person = people[(i + c) % people.len()];
        let coach = if c == 3 { ", \"coach\"" } else { "" };
        let _ = writeln!(
            t,
            "[[contacts]]\nid = \"c{c}\"\nname = \"{person}\"\ntitle = \"Head of {role}\"\nroles = [\"{role}\"{coach}]"
        );
        let _ = writeln!(
            t,
            "stance = \"{stance}\"\ncloseness = {}\ninterests = [\"golf\", \"history\"]\npersonality = \"Careful, data-driven\"\nauthority = \"Signs off the budget\"",
            2 + rng.below(4)
        );
        if c == 3 {
            let _ = writeln!(
                t,
                "coach_step = \"trust\"\ncoach_conditions = [\"private_contact\", \"believes_product\", \"trusts_manager\", \"knows_reward\", \"invested\", \"next_plan\"]"
            );
        }
        let _ = writeln!(t);
    }
    let _ = writeln!(
        t,
        "[[competitors]]\nname = \"Incumbent Co {}\"\ncurrent_supplier = true\nsince = 2015\nhow_won = \"Lowest price in the 2015 tender\"\nproblems = \"Late deliveries\"\nstrengths = \"Price\"\nweaknesses = \"Service\"\n",
        rng.below(100)
    );
    // Visits took place before the first gate was crossed (days before today: start − 25), so
    // every gate was met on the day it was crossed.
    for v in 0..3 {
        let d = date(start - 2 - 3 * v, today);
        let _ = writeln!(
            t,
            "[[visits]]\ndate = {d}\nform = \"office_meeting\"\nplace = \"Client HQ\"\nattendees = [\"c{}\", \"c3\"]",
            v % 3
        );
        let _ = writeln!(
            t,
            "points = \"Walked through the delivery record and the service plan\"\nclient_view = \"Interested; wants a trial order\""
        );
        let _ = writeln!(
            t,
            "next_step = \"Trial order review\"\nnext_date = {}\nreport = \"Met as planned; notes in the shared folder\"\nfollowed_up = {}\n",
            d + chrono::Duration::days(300),
            d + chrono::Duration::days(3)
        );
    }
    if reached >= 4 {
        let _ = writeln!(
            t,
            "[[visits]]\ndate = {}\nform = \"site_visit\"\nreport = \"Toured our plant\"\nfollowed_up = {}\n",
            date(start - 115, today),
            date(start - 118, today)
        );
    }
    if reached >= 4 {
        // The client's inspection of our company, held, reported and summed up before the gate
        // of `close` was crossed.
        let _ = writeln!(
            t,
            "[[receptions]]\ndate = {}\nplace = \"Our plant\"\npurpose = \"Show the line and the service team\"\ndelegation = [\"c0\", \"c3\"]\nsummary = \"Goals met; the client asked for a proposal\"\nminutes_sent = {}\nreport = \"Inspection went well\"\n",
            date(start - 110, today),
            date(start - 113, today)
        );
        let _ = writeln!(
            t,
            "[receptions.approvals]\nreview = {{ by = \"li.wei\", date = {} }}\napproval = {{ by = \"General manager\", date = {} }}\nfunding = {{ by = \"Finance\", date = {} }}\n",
            date(start - 100, today),
            date(start - 101, today),
            date(start - 102, today)
        );
    }
    for p in 0..2 {
        let _ = writeln!(
            t,
            "[[plan]]\ntask = \"Step {p} of the plan\"\nowner = \"li.wei\"\ndue = {}\nstatus = \"open\"\n",
            today + chrono::Duration::days(30 + 30 * p)
        );
    }
    let _ = writeln!(t, "[ratings]");
    for (f, r) in FACTORS.iter().zip(ratings(tier)) {
        if i % 11 == 1 && *f == "capability" && stage_pos < 2 {
            continue; // some early accounts are not fully rated yet
        }
        let _ = writeln!(t, "{f} = {r}");
    }
    let _ = writeln!(
        t,
        "\n[checklist]\ngo = {{ evidence = \"Director approved go\", date = {} }}",
        date(start - 5, today)
    );
    let _ = writeln!(
        t,
        "coach_endorsed = {{ evidence = \"Coach reviewed the plan\", date = {} }}",
        date(start - 50, today)
    );
    let _ = writeln!(
        t,
        "proposed = {{ evidence = \"Proposal sent\", date = {} }}",
        date(start - 122, today)
    );
    let _ = writeln!(
        t,
        "contract = {{ evidence = \"Contract signed\", date = {} }}",
        date(start - 125, today)
    );
    for s in 0..reached.min(5) {
        let to = if s + 1 < 5 { STAGES[s + 1] } else { "won" };
        let _ = writeln!(
            t,
            "\n[[history]]\nfrom = \"{}\"\nto = \"{to}\"\ndate = {}\nby = \"li.wei\"",
            STAGES[s],
            date(start - 25 * (i64::try_from(s).unwrap_or(0) + 1), today)
        );
    }
    if stage_pos == 6 {
        let _ = writeln!(
            t,
            "\n[[history]]\nfrom = \"{}\"\nto = \"paused\"\ndate = {}\nby = \"li.wei\"\nreason = \"Budget frozen until next year\"",
            STAGES[reached],
            date(3, today)
        );
    }
    if stage_pos == 5 {
        // A won account: its contract, a receivable paid on time, and its retrospective.
        let _ = writeln!(
            t,
            "\n[[contracts]]\nnumber = \"C-{i}\"\nkind = \"sales\"\nsigned = {}\namount = 1200000\n\n\
             [[receivables]]\ncontract = \"C-{i}\"\nitem = \"Down payment 30%\"\namount = 360000\ndue = {}\n\n\
             [[receivables.payments]]\ndate = {}\namount = 360000",
            date(30, today),
            date(10, today),
            date(12, today)
        );
        let _ = writeln!(
            t,
            "\n[retrospective]\ndate = {}\nby = [\"li.wei\"]\n[retrospective.background]\npains = \"Manual reporting\"\n\
             [retrospective.planning]\ngoals_strategy = \"Win the pilot first\"\n[retrospective.execution]\n\
             relationship = \"Coach at alliance\"\n[retrospective.results]\nwon_lost = \"Won on the pilot's data\"",
            date(20, today)
        );
    }
    (id, t)
}

fn spoil(text: &str, kind: usize) -> String {
    match kind % 5 {
        0 => text.replacen("owner = ", "ownr = ", 1),
        1 => text.replacen("ownership = \"private\"", "ownership = \"privat\"", 1),
        2 => text.replacen("[ratings]\n", "[ratings]\nextra_factor = 9\n", 1),
        3 => text.replacen("created = ", "created = \"2026-01-01\"\n# was: ", 1),
        _ => text.replacen("[company]", "[company", 1),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: gen_accounts N DIR [--errors K] [--seed S]";
    let (Some(n), Some(dir)) = (args.first().and_then(|a| a.parse::<usize>().ok()), args.get(1)) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse::<u64>().ok())
    };
    let errors = usize::try_from(flag("--errors").unwrap_or(0)).unwrap_or(0);
    let mut rng = Rng(flag("--seed").unwrap_or(0x5EED_CAFE).max(1));
    let today = chrono::Local::now().date_naive();
    let root = PathBuf::from(dir);
    let accounts = root.join("accounts");
    let mut bytes = 0usize;
    for i in 0..n {
        // Spread over 100 subfolders like a team that files accounts by region.
        let sub = accounts.join(format!("r{:02}", i % 100));
        if let Err(e) = std::fs::create_dir_all(&sub) {
            eprintln!("cannot create {}: {e}", sub.display());
            std::process::exit(2);
        }
        let (id, mut text) = account(i, &mut rng, today);
        if i < errors {
            text = spoil(&text, i);
        }
        bytes += text.len();
        if let Err(e) = std::fs::write(sub.join(format!("{id}.toml")), text) {
            eprintln!("cannot write: {e}");
            std::process::exit(2);
        }
    }
    println!(
        "wrote {n} accounts ({:.1} MB) to {}",
        f64::from(u32::try_from(bytes / 1000).unwrap_or(u32::MAX)) / 1e3,
        accounts.display()
    );
}
