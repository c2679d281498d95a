//! The people game: the coach's six conditions in the stage-2 gate, dated assessments that go
//! stale (agenda, gate hint, visit plan), each contact's influence and how long it lasts, the
//! rhythm that warns of visiting too often, and the person profile with its sensitive fields.

use crate::support::Test;

const DEMO: &str = "id = \"a\"\nname = \"A Co\"\nowner = \"o\"\nstage = \"demo\"\ncreated = 2026-09-01\n\
[[history]]\nfrom = \"qualify\"\nto = \"demo\"\ndate = 2026-10-01\n\
[[contacts]]\nid = \"c\"\nname = \"Chen\"\nroles = [\"coach\"]\ncoach_step = \"trust\"\n";

#[test]
fn the_coach_item_needs_all_six_conditions() {
    let five = format!(
        "{DEMO}coach_conditions = [\"private_contact\", \"believes_product\", \"trusts_manager\", \"knows_reward\", \"invested\"]\n"
    );
    let out = Test::new().file("accounts/a.toml", &five).args(&["gate", "a"]).run();
    out.code(1)
        .stdout_has("✗ coach — A coach at trust or alliance who meets the six conditions")
        .stdout_has("`c`: coach_conditions lacks next_plan");
    let six = five.replace("\"invested\"]", "\"invested\", \"next_plan\"]");
    Test::new()
        .file("accounts/a.toml", &six)
        .args(&["gate", "a"])
        .run()
        .code(1)
        .stdout_has("✓ coach");
    // The visit plan names what the coach still lacks.
    Test::new()
        .file("accounts/a.toml", &five)
        .args(&["report", "visit", "a"])
        .run()
        .code(0)
        .stdout_has("Chen, the coach, lacks: A next-step plan for them");
}

const RELATIONSHIP: &str = "id = \"r\"\nname = \"R Co\"\nowner = \"o\"\nstage = \"relationship\"\ncreated = 2026-09-01\n\
[[history]]\nfrom = \"assess\"\nto = \"relationship\"\ndate = 2026-10-01\n\
[[contacts]]\nid = \"gm\"\nname = \"Wang\"\nroles = [\"decision_maker\"]\nstance = \"supporter\"\ncloseness = 3\nassessed = 2026-07-01\n\
sex = \"male\"\nmarital_status = \"married\"\ndrinking = \"moderate\"\ntemperament = \"steady\"\nkpi = [\"cost per pallet\"]\n";

#[test]
fn a_stale_assessment_is_on_the_agenda_in_the_gate_and_in_the_visit_plan() {
    let t = || Test::new().file("accounts/r.toml", RELATIONSHIP);
    t().args(&["due"])
        .run()
        .code(0)
        .stdout_has("re-assess stance")
        .stdout_has("Wang (Supporter) was last assessed on 2026-07-01");
    t().args(&["gate", "r"])
        .run()
        .code(1)
        .stdout_has("Re-assess: Wang's stance and closeness date from 2026-07-01 (older than 90 days)");
    t().args(&["report", "visit", "r"])
        .run()
        .code(0)
        .stdout_has("Wang: stance and closeness assessed 2026-07-01, 147 days ago — re-assess");
}

#[test]
fn sensitive_profile_fields_stay_out_unless_asked() {
    let out = Test::new()
        .file("accounts/r.toml", RELATIONSHIP)
        .args(&["report", "visit", "r"])
        .run();
    out.code(0)
        .stdout_has("Temperament: Steady")
        .stdout_has("Their KPIs: cost per pallet")
        .stdout_has("Personal data left out: 3 values (Sex, Marital status, Drinking)");
    assert!(!out.stdout.contains("Married"), "{}", out.stdout);
    Test::new()
        .file("accounts/r.toml", RELATIONSHIP)
        .args(&["report", "visit", "r", "--include-sensitive"])
        .run()
        .code(0)
        .stdout_has("Marital status: Married");
}

#[test]
fn influence_and_rhythm_show_in_the_visit_plan_and_the_list() {
    // No tier: the default cadence of 60 days; four contacts in it are more than three.
    let visits = [
        ("2026-10-20", 3, 20),
        ("2026-11-05", 4, 30),
        ("2026-11-12", 2, 7),
        ("2026-11-20", 3, 10),
    ]
    .map(|(d, i, n)| {
        format!("[[visits]]\ndate = {d}\nform = \"office_meeting\"\nimpact = {i}\nimpact_days = {n}\nreport = \"r\"\n")
    })
    .concat();
    let text = format!("{RELATIONSHIP}{visits}");
    let plan = Test::new()
        .file("accounts/r.toml", &text)
        .args(&["report", "visit", "r"])
        .run();
    plan.code(0)
        .stdout_has("Influence and rhythm")
        .stdout_has("2026-11-20 Office meeting: influence 3/5, lasts until 2026-11-30")
        .stdout_has("2026-11-12 Office meeting: influence 2/5, worn off since 2026-11-19")
        .stdout_has("4 contacts within 60 days, more than 3: pushing too hard")
        .stdout_has("Trust = competence × reliability × connection × time.");
    Test::new()
        .file("accounts/r.toml", &text)
        .args(&["list", "--flag", "too-often", "--format", "csv"])
        .run()
        .code(0)
        .stdout_has("too-often");
}
