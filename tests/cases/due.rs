//! `kam due`: the agenda of the sample accounts on 2026-11-25, every kind of item, the owner
//! check, and the iCalendar feed read back by an iCalendar parser.

use icalendar::{Calendar, CalendarComponent, Component};

use crate::support::Test;

#[test]
fn the_agenda_of_the_samples() {
    let out = Test::samples().env("COLUMNS", "80").args(&["due"]).run();
    out.code(0);
    insta::assert_snapshot!(out.stdout);
}

fn items(args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["due", "--format", "json"];
    all.extend_from_slice(args);
    let out = Test::samples().args(&all).run();
    out.code(0);
    serde_json::from_str(&out.stdout).unwrap()
}

fn find<'a>(items: &'a [serde_json::Value], kind: &str, id: &str) -> Option<&'a serde_json::Value> {
    items.iter().find(|i| i["kind"] == kind && i["id"] == id)
}

#[test]
fn every_kind_of_item_says_why_and_what_to_do() {
    let items = items(&["--within", "30"]);
    let expect = [
        (
            "planned",
            "kangyuan-pharma",
            "2026-12-02",
            "Negotiation planned for 2026-12-02; at 康源南京库会议室; with 江华, 唐磊, 陆萍",
        ),
        (
            "report",
            "renhe-hospital",
            "2026-11-13",
            "the Office meeting of 2026-11-06 has no visit report; No visit report, no expense reimbursement.",
        ),
        (
            "followup",
            "kangyuan-pharma",
            "2026-11-27",
            "the Office meeting of 2026-11-20 is not followed up; the client's opinion is asked within 7 days",
        ),
        (
            "task",
            "kangyuan-pharma",
            "2026-11-30",
            "task 1 of the plan: 完成 GSP 验证文件模板; owner sun.hao",
        ),
        (
            "step",
            "dongsheng-food",
            "2026-11-18",
            "next step agreed for 2026-11-18: 韩总参观菏泽样板，并约董事长见面",
        ),
        (
            "cold",
            "ningzhou-battery",
            "2026-11-19",
            "last visit 2026-11-05; tier A accounts are visited every 14 days",
        ),
        (
            "stance",
            "huijia-retail",
            "2026-10-22",
            "方红 (Neutral) has no assessment date; last met 2026-07-24, re-assess every 90 days",
        ),
    ];
    for (kind, id, date, why) in expect {
        let item = find(&items, kind, id).unwrap_or_else(|| panic!("no {kind} item of {id}: {items:#?}"));
        assert_eq!(item["date"], date, "{item:#?}");
        assert_eq!(item["why"], why, "{item:#?}");
        assert!(!item["action"].as_str().unwrap().is_empty(), "{item:#?}");
    }
    assert_eq!(find(&items, "task", "kangyuan-pharma").unwrap()["owner"], "sun.hao");
    assert_eq!(
        find(&items, "task", "kangyuan-pharma").unwrap()["account_owner"],
        "wang.fang"
    );
    assert_eq!(
        find(&items, "report", "renhe-hospital").unwrap()["command"],
        "kam log renhe-hospital --visit 2026-11-06 --report \"…\""
    );
    let idle = items_of_kind_within("idle", 120);
    assert!(!idle.is_empty(), "an idle item within 120 days");
    // Lost and paused accounts are not on the agenda; the list is sorted by date.
    for skipped in ["tiandi-cement", "xinghe-electronics"] {
        assert!(!items.iter().any(|i| i["id"] == skipped), "{skipped}");
    }
    let dates: Vec<&str> = items.iter().map(|i| i["date"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort_unstable();
    assert_eq!(dates, sorted);
}

fn items_of_kind_within(kind: &str, days: u32) -> Vec<serde_json::Value> {
    items(&["--within", &days.to_string(), "--kind", kind])
}

#[test]
fn the_overdue_follow_up_of_kangyuan_is_on_the_agenda_and_leaves_once_recorded() {
    // On 2026-11-28 the visit of 2026-11-20 is a day past its one-week follow-up.
    let t = Test::samples().real_today();
    let late = t.kam(&["--today", "2026-11-28", "due", "--format", "json", "--kind", "followup"]);
    let list: Vec<serde_json::Value> = serde_json::from_str(&late.stdout).unwrap();
    let item = find(&list, "followup", "kangyuan-pharma").expect("the follow-up is on the agenda");
    assert_eq!(item["late_days"], 1);
    t.kam(&[
        "--today",
        "2026-11-28",
        "log",
        "kangyuan",
        "--visit",
        "2026-11-20",
        "--followed-up",
        "2026-11-25",
    ])
    .code(0);
    let after = t.kam(&["--today", "2026-11-28", "due", "--format", "json", "--kind", "followup"]);
    let list: Vec<serde_json::Value> = serde_json::from_str(&after.stdout).unwrap();
    assert!(find(&list, "followup", "kangyuan-pharma").is_none(), "{list:#?}");
}

#[test]
fn the_window_the_kind_and_the_owner_narrow_the_agenda() {
    let today_only = items(&["--within", "0"]);
    assert!(
        today_only.iter().all(|i| i["late_days"].as_i64().unwrap() >= 0),
        "{today_only:#?}"
    );
    let reports = items(&["--kind", "report,followup"]);
    assert!(reports.iter().all(|i| i["kind"] == "report" || i["kind"] == "followup"));
    let mine = Test::samples()
        .args(&["due", "--owner", "li.wei", "--format", "md"])
        .run();
    mine.code(0).stdout_has("ningzhou-battery");
    assert!(!mine.stdout.contains("renhe-hospital"), "{}", mine.stdout);
    // A task owner sees their tasks on others' accounts.
    let sun = items(&["--owner", "sun.hao"]);
    assert!(
        !sun.is_empty() && sun.iter().all(|i| i["owner"] == "sun.hao"),
        "{sun:#?}"
    );
    Test::samples()
        .args(&["due", "--kind", "paperwork"])
        .run()
        .code(2)
        .stderr_has("kinds: `planned` (visit planned), `reception` (reception planned), `report` (report missing)")
        .stderr_has("`retrospective` (project retrospective)");
    // The word the agenda shows for a kind names it too; a near miss gets a did-you-mean.
    let payments = items(&["--kind", "payment", "--within", "30"]);
    assert!(!payments.is_empty() && payments.iter().all(|i| i["kind"] == "collection"));
    assert_eq!(payments.len(), items(&["--kind", "collection", "--within", "30"]).len());
    Test::samples()
        .args(&["due", "--kind", "paymnt"])
        .run()
        .code(2)
        .stderr_has("did you mean `collection`?");
}

/// Every subcommand (as a path of names) that takes `--owner`, read from the command line
/// definition itself, so a new command with `--owner` cannot be left out of the check below.
fn commands_taking(long: &str) -> Vec<String> {
    use clap::CommandFactory;
    fn walk(cmd: &clap::Command, path: &str, long: &str, out: &mut Vec<String>) {
        if cmd.get_arguments().any(|a| a.get_long() == Some(long)) {
            out.push(path.trim().to_string());
        }
        for sub in cmd.get_subcommands() {
            walk(sub, &format!("{path} {}", sub.get_name()), long, out);
        }
    }
    let mut out = Vec::new();
    walk(&kam::cli::Cli::command(), "", long, &mut out);
    out.sort();
    out
}

#[test]
fn an_unknown_owner_is_a_usage_error_everywhere() {
    // How to run each command that takes --owner; `--owner liwei` is added at the end.
    let runs: &[(&str, &[&str])] = &[
        ("due", &["due"]),
        ("list", &["list"]),
        ("new", &["new", "Acme Ltd"]),
        ("report expenses", &["report", "expenses"]),
        ("report receivables", &["report", "receivables"]),
        ("score", &["score"]),
        ("task add", &["task", "kangyuan-pharma", "add", "call back"]),
    ];
    let mut covered: Vec<String> = runs.iter().map(|(name, _)| (*name).to_string()).collect();
    covered.sort();
    assert_eq!(
        covered,
        commands_taking("owner"),
        "a command takes --owner: add it here"
    );
    for (_, cmd) in runs {
        let t = Test::samples();
        let before = t.read("accounts/east/kangyuan-pharma.toml");
        let mut args = cmd.to_vec();
        args.extend(["--owner", "liwei"]);
        let out = t.kam(&args);
        out.code(2).stderr_has("did you mean `li.wei`?");
        assert!(out.stdout.is_empty(), "{args:?}: {}", out.stdout);
        assert_eq!(t.read("accounts/east/kangyuan-pharma.toml"), before);
        // The known owner is accepted by the same commands.
        let mut args = cmd.to_vec();
        args.extend(["--owner", "li.wei"]);
        let ok = t.kam(&args);
        assert_ne!(ok.code, 2, "{args:?}: {}", ok.stderr);
    }
    // A filter names an owner; an owner of an account only, not someone named elsewhere.
    for cmd in [
        &["list"][..],
        &["score"],
        &["report", "receivables"],
        &["report", "expenses"],
    ] {
        let mut args = cmd.to_vec();
        args.extend(["--owner", "liwei"]);
        Test::samples()
            .args(&args)
            .run()
            .code(2)
            .stderr_has("no account is owned by `liwei`");
    }
}

#[test]
fn nothing_due_says_so() {
    Test::new()
        .file(
            "accounts/a.toml",
            "id = \"a\"\nname = \"A\"\nowner = \"o\"\nstage = \"won\"\n",
        )
        .args(&["due"])
        .run()
        .code(0)
        .stdout_has("Nothing due.");
}

#[test]
fn the_agenda_speaks_the_playbook_s_language() {
    let zh = std::fs::read_to_string(crate::support::repo().join("examples/playbooks/zh-CN.yaml")).unwrap();
    let out = Test::samples().file("kam.yaml", &zh).args(&["due"]).run();
    out.code(0)
        .stdout_has("2026-11-25 至 2026-12-02 的待办")
        .stdout_has("缺拜访总结")
        .stdout_has("2026-11-06 的办公地点约见还没有拜访总结");
}

/// A reception of renhe-hospital's director on 2026-11-30, planned and approved, with `extra`
/// lines of the reception.
fn reception(extra: &str) -> String {
    RECEPTION.replace("{extra}", extra)
}

const RECEPTION: &str = "
[[receptions]]
date = 2026-11-30
place = \"我司苏州总部\"
purpose = \"请何总考察样板\"
delegation = [\"he-zhiming\"]
host = \"王芳\"
{extra}[receptions.approvals]
review = { by = \"zhao.lei\", date = 2026-11-20 }
approval = { by = \"总经理\", date = 2026-11-21 }
funding = { by = \"财务部\", date = 2026-11-22 }
";

fn on(t: &Test, today: &str, kind: &str) -> Vec<serde_json::Value> {
    let out = t.kam(&[
        "--today", today, "due", "--kind", kind, "--within", "14", "--format", "json",
    ]);
    out.code(0);
    let all: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    all.into_iter().filter(|i| i["id"] == "renhe-hospital").collect()
}

#[test]
fn a_reception_is_on_the_agenda_planned_then_until_its_report_is_written() {
    let t = Test::samples().real_today();
    let path = "accounts/east/renhe-hospital.toml";
    let before = t.read(path);
    assert!(on(&t, "2026-11-25", "reception").is_empty());
    t.write(path, &format!("{before}{}", reception("")));
    // Planned: on its arrival day, to prepare its plan (kam report reception prints it).
    let planned = on(&t, "2026-11-25", "reception");
    assert_eq!(planned.len(), 1, "{planned:#?}");
    let p = &planned[0];
    assert_eq!(p["date"], "2026-11-30");
    assert_eq!(p["kind"], "reception");
    assert_eq!(
        p["why"],
        "the client's inspection of 2026-11-30 is planned; purpose: 请何总考察样板; at 我司苏州总部; with 何志明"
    );
    assert!(
        p["action"]
            .as_str()
            .unwrap()
            .starts_with("prepare it: the reception plan")
    );
    assert_eq!(p["command"], "kam report reception renhe-hospital --date 2026-11-30");
    // Held without its report or summary: the report is missing, a week after it.
    assert!(on(&t, "2026-12-03", "reception").is_empty());
    let missing = on(&t, "2026-12-03", "reception_report");
    assert_eq!(missing.len(), 1, "{missing:#?}");
    assert_eq!(missing[0]["date"], "2026-12-07");
    let why = missing[0]["why"].as_str().unwrap();
    assert!(
        why.starts_with("the reception of 2026-11-30 has no Reception report, Effect against the goals;"),
        "{why}"
    );
    // The same by the word shown: `--kind "reception report missing"`.
    assert_eq!(on(&t, "2026-12-03", "reception report missing").len(), 1);
    // With the report and no summary, the summary is still missing; with both, nothing.
    t.write(path, &format!("{before}{}", reception("report = \"考察顺利\"\n")));
    let missing = on(&t, "2026-12-03", "reception_report");
    let why = missing[0]["why"].as_str().unwrap();
    assert!(
        why.starts_with("the reception of 2026-11-30 has no Effect against the goals;"),
        "{why}"
    );
    let both = reception("report = \"考察顺利\"\nsummary = \"目标达成\"\n");
    t.write(path, &format!("{before}{both}"));
    assert!(on(&t, "2026-12-20", "reception_report").is_empty());
    // A reception lasting several days is due after its departure.
    t.write(path, &format!("{before}{}", reception("until = 2026-12-02\n")));
    assert_eq!(on(&t, "2026-12-03", "reception_report")[0]["date"], "2026-12-09");
}

#[test]
fn reception_items_speak_chinese_and_keep_personal_data_out() {
    let zh = std::fs::read_to_string(crate::support::repo().join("examples/playbooks/zh-CN.yaml")).unwrap();
    let t = Test::samples().real_today().file("kam.yaml", &zh);
    let path = "accounts/east/renhe-hospital.toml";
    t.write(path, &format!("{}{}", t.read(path), reception("")));
    t.kam(&["--today", "2026-11-25", "due"])
        .code(0)
        .stdout_has("计划客户考察")
        .stdout_has("客户 2026-11-30 来公司考察")
        .stdout_has("考察目的：请何总考察样板");
    t.kam(&["--today", "2026-12-03", "due"])
        .code(0)
        .stdout_has("缺接待报告")
        .stdout_has("2026-11-30 的客户考察还没有接待报告、总体效果评估和目标达成情况");
    // Purpose and place marked personal stay out of the agenda and its calendar.
    let t = Test::samples().real_today().playbook(|pb| {
        pb.replace(
            "      - { id: purpose, label: Purpose, kind: text }",
            "      - { id: purpose, label: Purpose, kind: text, sensitive: true }",
        )
        .replace(
            "      - { id: place, label: Where, kind: text, help:",
            "      - { id: place, label: Where, kind: text, sensitive: true, help:",
        )
    });
    t.write(path, &format!("{}{}", t.read(path), reception("")));
    for format in ["table", "json", "ics"] {
        let out = t.kam(&["--today", "2026-11-25", "due", "--format", format]);
        out.code(0);
        let plain = out.stdout.replace("\r\n ", "");
        assert!(plain.contains("2026-11-30") || plain.contains("20261130"), "{plain}");
        assert!(
            !plain.contains("请何总考察样板") && !plain.contains("我司苏州总部"),
            "{plain}"
        );
    }
}

fn feed(args: &[&str]) -> (String, Calendar) {
    let mut all = vec!["due", "--format", "ics"];
    all.extend_from_slice(args);
    let out = Test::samples().args(&all).run();
    out.code(0);
    let calendar: Calendar = out
        .stdout
        .parse()
        .unwrap_or_else(|e| panic!("not iCalendar: {e}\n{}", out.stdout));
    (out.stdout.clone(), calendar)
}

fn events(c: &Calendar) -> Vec<&icalendar::Event> {
    c.components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect()
}

#[test]
fn the_ics_feed_is_icalendar_with_one_event_per_item() {
    let json = items(&["--within", "30"]);
    let (text, calendar) = feed(&["--within", "30"]);
    assert!(text.lines().all(|l| l.len() <= 76), "lines are folded at 75 octets");
    assert!(text.contains("\r\n"), "lines end in CRLF");
    let evs = events(&calendar);
    assert_eq!(evs.len(), json.len());
    let report = evs
        .iter()
        .find(|e| e.get_uid() == Some("report.2026-11-06.renhe-hospital@kam"))
        .expect("the report item is an event with a stable UID");
    assert_eq!(
        report.get_start(),
        Some(icalendar::DatePerhapsTime::Date(
            chrono::NaiveDate::from_ymd_opt(2026, 11, 13).unwrap()
        ))
    );
    assert_eq!(
        report.get_summary().unwrap(),
        "report missing: the Office meeting of 2026-11-06 has no visit report — 浙江仁和医疗集团有限公司 (renhe-hospital)"
    );
    // Each summary says the concrete action: no two events of the feed are titled alike, a
    // task's summary holds its text, a stance's the contact.
    let mut summaries: Vec<&str> = evs.iter().filter_map(|e| e.get_summary()).collect();
    assert_eq!(summaries.len(), evs.len());
    summaries.sort_unstable();
    let all = summaries.len();
    summaries.dedup();
    assert_eq!(summaries.len(), all, "two events have the same summary");
    assert!(summaries.contains(
        &"plan task: task 1 of the plan: 完成 GSP 验证文件模板 — 江苏康源医药物流有限公司 (kangyuan-pharma)"
    ));
    assert!(
        summaries
            .iter()
            .any(|s| s.starts_with("re-assess stance: 刘德胜 (Neutral) was last assessed on 2026-07-20")),
        "{summaries:#?}"
    );
    assert!(
        report
            .get_description()
            .unwrap()
            .contains("kam log renhe-hospital --visit 2026-11-06")
    );
    // UIDs are unique, and the same on another day: a re-import updates the events.
    let mut uids: Vec<&str> = evs.iter().filter_map(|e| e.get_uid()).collect();
    uids.sort_unstable();
    let n = uids.len();
    uids.dedup();
    assert_eq!(uids.len(), n);
    let later = Test::samples()
        .real_today()
        .args(&["--today", "2026-11-26", "due", "--format", "ics", "--within", "30"])
        .run();
    let next: Calendar = later.stdout.parse().unwrap();
    let next_uids: Vec<String> = events(&next)
        .iter()
        .filter_map(|e| e.get_uid().map(str::to_string))
        .collect();
    assert!(next_uids.contains(&"report.2026-11-06.renhe-hospital@kam".to_string()));
}

#[test]
fn the_ics_feed_holds_no_personal_data() {
    let t = Test::samples();
    // Personal data planted on kangyuan-pharma, whose items are in the feed.
    t.kam(&[
        "set",
        "kangyuan-pharma",
        "contacts.xu-qing.birthday=1968-03-15",
        "contacts.xu-qing.mobile=+86 139 0000 1968",
        "contacts.xu-qing.family=女儿在南京读大学",
    ])
    .code(0);
    assert!(t.read("accounts/east/kangyuan-pharma.toml").contains("1968-03-15"));
    let plain = t.kam(&["due", "--format", "ics", "--within", "30"]);
    plain.code(0);
    let unfolded = plain.stdout.replace("\r\n ", "");
    assert!(unfolded.contains("(kangyuan-pharma)"), "{unfolded}");
    for secret in ["1968", "139 0000", "女儿在南京读大学"] {
        assert!(!unfolded.contains(secret), "{secret} in {unfolded}");
    }
    // A playbook that marks the visit's place and the plan's task personal: they stay out of
    // the calendar, summaries included.
    let pb = std::fs::read_to_string(crate::support::repo().join("assets/kam.yaml"))
        .unwrap()
        .replace(
            "      - { id: place, label: Place, kind: text }",
            "      - { id: place, label: Place, kind: text, sensitive: true }",
        )
        .replace(
            "      - { id: task, label: Task, kind: text, required: always }",
            "      - { id: task, label: Task, kind: text, required: always, sensitive: true }",
        );
    t.write("kam.yaml", &pb);
    let out = t.kam(&["due", "--format", "ics", "--within", "30"]);
    out.code(0);
    let calendar: Calendar = out.stdout.parse().unwrap();
    assert!(!events(&calendar).is_empty());
    let unfolded_hidden = out.stdout.replace("\r\n ", "");
    // Both are in the feed while the playbook does not mark them.
    assert!(unfolded.contains("完成 GSP 验证文件模板") && unfolded.contains("康源南京库会议室"));
    for secret in ["康源南京库会议室", "完成 GSP 验证文件模板", "1968"] {
        assert!(!unfolded_hidden.contains(secret), "{secret} in {unfolded_hidden}");
    }
}

/// The UIDs of the feed's events of one kind and account, by summary.
fn uids_of(t: &Test, kind: &str, id: &str) -> Vec<(String, String)> {
    let out = t.kam(&["due", "--format", "ics", "--within", "60"]);
    out.code(0);
    let calendar: Calendar = out.stdout.parse().unwrap();
    let mut found: Vec<(String, String)> = events(&calendar)
        .iter()
        .filter(|e| {
            e.get_uid()
                .is_some_and(|u| u.starts_with(&format!("{kind}.")) && u.ends_with(&format!(".{id}@kam")))
        })
        .map(|e| {
            let summary = e.get_summary().unwrap();
            // The task's number is in its summary and moves with the list: keep its text.
            let what = summary.split_once(": ").map_or(summary, |(_, w)| w);
            let what = what.split_once(": ").map_or(what, |(_, w)| w);
            (what.to_string(), e.get_uid().unwrap().to_string())
        })
        .collect();
    found.sort();
    found
}

#[test]
fn removing_one_task_leaves_the_uids_of_the_others() {
    let t = Test::samples();
    let file = "accounts/east/kangyuan-pharma.toml";
    // A third task, so one stays on each side of the one removed.
    t.kam(&[
        "task",
        "kangyuan-pharma",
        "add",
        "GSP 验证文件交付",
        "--owner",
        "sun.hao",
        "--due",
        "2026-12-10",
    ])
    .code(0);
    let before = uids_of(&t, "task", "kangyuan-pharma");
    assert_eq!(before.len(), 3, "{before:?}");
    // The first task removed by hand: the others keep their UIDs, though their numbers moved.
    let text = t.read(file);
    let first =
        "[[plan]]\ntask = \"完成 GSP 验证文件模板\"\nowner = \"sun.hao\"\ndue = 2026-11-30\nstatus = \"doing\"\n\n";
    assert!(text.contains(first));
    t.write(file, &text.replacen(first, "", 1));
    let after = uids_of(&t, "task", "kangyuan-pharma");
    assert_eq!(after.len(), 2, "{after:?}");
    for (what, uid) in &after {
        let old = before
            .iter()
            .find(|(w, _)| w == what)
            .unwrap_or_else(|| panic!("{what} was not in the feed before: {before:?}"));
        assert_eq!(&old.1, uid, "{what}: its UID changed when another task was removed");
    }
    // Put off to a later day, a task keeps its UID too: the calendar moves the event.
    let (_, negotiation) = after.iter().find(|(w, _)| w.contains("合同谈判")).unwrap().clone();
    t.write(file, &t.read(file).replace("due = 2026-12-02", "due = 2026-12-09"));
    let later = uids_of(&t, "task", "kangyuan-pharma");
    assert!(later.iter().any(|(_, u)| *u == negotiation), "{later:?}");
    // Ids in the UIDs, never the position: no UID holds a task number.
    assert!(
        later
            .iter()
            .all(|(_, u)| !u.starts_with("task.1.") && !u.starts_with("task.2.")),
        "{later:?}"
    );
}
