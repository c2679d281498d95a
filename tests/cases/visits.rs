//! Daily work, part two: `kam log` (visits, planned visits, reports, follow-ups, prompts on a
//! terminal), `kam task`, `kam evidence` and `kam contact`.

use crate::cases::daily::{KANGYUAN, changed, sample};
use crate::support::Test;

#[test]
fn log_appends_a_visit_after_the_last_one() {
    let out = Test::samples()
        .args(&[
            "log",
            "kang",
            "--form",
            "phone",
            "--with",
            "xu",
            "--points",
            "模板确认",
            "--next-step",
            "合同谈判",
            "--next-date",
            "2026-12-02",
        ])
        .run();
    out.code(0)
        .stdout_has("+ visit of 2026-11-25 (visits): Form: Phone call; Their attendees: [xu-qing]");
    let text = out.read(KANGYUAN);
    let (removed, added) = changed(&sample(), &text);
    assert!(removed.is_empty(), "{removed:?}");
    assert_eq!(
        added,
        [
            "[[visits]]",
            "date = 2026-11-25",
            "form = \"phone\"",
            "attendees = [\"xu-qing\"]",
            "points = \"模板确认\"",
            "next_step = \"合同谈判\"",
            "next_date = 2026-12-02",
            "",
        ]
    );
    // Right after the last visit, before the plan.
    let visit = text.find("date = 2026-11-25").unwrap();
    assert!(visit > text.find("date = 2026-12-02\nform = \"negotiation\"").unwrap());
    assert!(visit < text.find("[[plan]]").unwrap());
}

#[test]
fn a_future_date_plans_a_visit_which_cannot_have_a_report() {
    let out = Test::samples()
        .args(&[
            "log",
            "kangyuan",
            "--date",
            "2026-12-09",
            "--form",
            "site_visit",
            "--goal",
            "签约",
        ])
        .run();
    out.code(0).stdout_has("+ planned visit of 2026-12-09");
    let out = Test::samples()
        .args(&[
            "log",
            "kangyuan",
            "--date",
            "2026-12-09",
            "--form",
            "site_visit",
            "--report",
            "x",
        ])
        .run();
    out.code(2)
        .stderr_has("has not taken place yet: it cannot have --report");
    let out = Test::samples()
        .args(&["log", "kangyuan", "--visit", "2026-12-02", "--report", "谈定"])
        .run();
    out.code(2)
        .stderr_has("the visit of 2026-12-02 has not taken place yet");
    assert_eq!(out.read(KANGYUAN), sample());
}

#[test]
fn log_completes_a_visit_and_records_the_follow_up() {
    let out = Test::samples()
        .args(&[
            "log",
            "kangyuan",
            "--visit",
            "2026-11-20",
            "--followed-up",
            "2026-11-24",
        ])
        .run();
    out.code(0)
        .stdout_has("+ Followed up on (visits.2026-11-20.followed_up): 2026-11-24");
    let (_, added) = changed(&sample(), &out.read(KANGYUAN));
    assert_eq!(added, ["followed_up = 2026-11-24"]);
    // Without --visit, the latest visit waiting for one.
    let out = Test::samples()
        .args(&["log", "kangyuan", "--followed-up", "today"])
        .run();
    out.code(0).stdout_has("(visits.2026-11-20.followed_up): 2026-11-25");
    let out = Test::samples()
        .args(&[
            "log",
            "renhe",
            "--visit",
            "2026-11-06",
            "--report",
            "谈了 HIS 接口",
            "--client-view",
            "认可",
        ])
        .run();
    out.code(0)
        .stdout_has("+ Visit report (visits.2026-11-06.report): 谈了 HIS 接口");
    Test::samples()
        .args(&["log", "kangyuan", "--visit", "2026-11-21", "--report", "x"])
        .run()
        .code(2)
        .stderr_has("no visit on `2026-11-21`");
}

#[test]
fn a_contact_typo_gets_a_did_you_mean_and_missing_values_are_named_off_a_terminal() {
    let out = Test::samples()
        .args(&["log", "kangyuan", "--form", "phone", "--with", "xuqing"])
        .run();
    out.code(2)
        .stderr_has("no contact `xuqing`")
        .stderr_has("did you mean `xu-qing`?");
    // Standard input is not a terminal here: no question is asked, the missing option is named.
    let out = Test::samples().args(&["log", "kangyuan"]).run();
    out.code(2)
        .stderr_has("--form is missing")
        .stderr_has("office_meeting, phone");
    assert_eq!(out.read(KANGYUAN), sample());
}

#[test]
fn on_a_terminal_log_asks_for_what_is_missing() {
    if std::process::Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: `script` (util-linux) is not installed");
        return;
    }
    let t = Test::samples();
    let kam = env!("CARGO_BIN_EXE_kam");
    let cmd = format!("{kam} --today 2026-11-25 --color never log kangyuan");
    let mut child = std::process::Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .current_dir(t.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let stdin = child.stdin.as_mut().unwrap();
        // Form: 2 (phone); with: 4 (徐青); place, points …: answered or skipped one by one.
        for answer in ["2", "4", "", "模板确认", "", "", ""] {
            stdin.write_all(format!("{answer}\n").as_bytes()).unwrap();
            stdin.flush().unwrap();
            std::thread::sleep(std::time::Duration::from_millis(150));
        }
    }
    let out = child.wait_with_output().unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{shown}");
    assert!(shown.contains("2) Phone call (phone)"), "{shown}");
    assert!(shown.contains("徐青 (xu-qing)"), "{shown}");
    let text = t.read(KANGYUAN);
    assert!(
        text.contains(
            "[[visits]]\ndate = 2026-11-25\nform = \"phone\"\nattendees = [\"xu-qing\"]\npoints = \"模板确认\"\n"
        ),
        "{text}"
    );
}

#[test]
fn tasks_are_added_listed_and_done() {
    let t = Test::samples();
    let out = t.kam(&[
        "task",
        "kangyuan",
        "add",
        "准备合同草案",
        "--owner",
        "zhao.lei",
        "--due",
        "2026-11-30",
        "--support",
        "法务审核",
    ]);
    out.code(0)
        .stdout_has("+ new task (plan): 准备合同草案; owner zhao.lei; due 2026-11-30");
    let text = t.read(KANGYUAN);
    assert!(text.contains("status = \"open\"\n\n[[plan]]\ntask = \"准备合同草案\"\nowner = \"zhao.lei\"\nsupport = \"法务审核\"\ndue = 2026-11-30\nstatus = \"open\"\n\n[[history]]"), "{text}");
    let list = t.kam(&["task", "kangyuan", "list"]);
    list.code(0)
        .stdout_has("  1. [doing] 2026-11-30  完成 GSP 验证文件模板 — sun.hao")
        .stdout_has("  3. [open] 2026-11-30  准备合同草案 — zhao.lei");
    let done = t.kam(&["task", "kangyuan", "done", "1"]);
    done.code(0)
        .stdout_has("task 1 (完成 GSP 验证文件模板): doing → done")
        .stdout_has("+ done on (plan.1.done): 2026-11-25");
    t.kam(&["task", "kangyuan", "done", "1"])
        .code(2)
        .stderr_has("task 1 is done already (2026-11-25)");
    t.kam(&["task", "kangyuan", "done", "9"])
        .code(2)
        .stderr_has("no task 9");
    let json = t.kam(&["task", "kangyuan", "list", "--format", "json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(rows[0]["status"], "done");
    assert_eq!(rows[0]["done"], "2026-11-25");
    t.kam(&["task", "kangyuan", "add", "x", "--owner", "zhaolei"])
        .code(2)
        .stderr_has("did you mean `zhao.lei`?");
    t.kam(&["task", "kangyuan", "add", "x", "--owner", "new.colleague"])
        .code(0);
    t.kam(&["check", "kangyuan"]).code(0);
}

#[test]
fn evidence_is_written_for_a_manual_item_of_the_current_stage_only() {
    let out = Test::samples()
        .args(&[
            "evidence",
            "kangyuan",
            "contract",
            "合同 KY-2026-118 已签订",
            "--date",
            "2026-11-25",
        ])
        .run();
    out.code(0).stdout_has("+ Contract signed (checklist.contract)");
    let (_, added) = changed(&sample(), &out.read(KANGYUAN));
    assert_eq!(
        added,
        ["contract = { evidence = \"合同 KY-2026-118 已签订\", date = 2026-11-25 }"]
    );
    let out = Test::samples().args(&["evidence", "kangyuan", "go", "yes"]).run();
    out.code(2).stderr_has("`go` belongs to the stage `qualify`");
    let out = Test::samples().args(&["evidence", "kangyuan", "contrat", "x"]).run();
    out.code(2).stderr_has("did you mean `contract`?");
    assert_eq!(out.read(KANGYUAN), sample());
}

#[test]
fn a_contact_gets_an_id_made_from_the_name() {
    let out = Test::samples()
        .args(&[
            "contact",
            "kangyuan",
            "add",
            "周敏",
            "--role",
            "user",
            "--title",
            "仓储部经理",
        ])
        .run();
    out.code(0)
        .stdout_has("+ new contact (contacts): 周敏 (zhou-min); User department");
    let text = out.read(KANGYUAN);
    assert!(text.contains("assessed = 2026-11-20\n\n[[contacts]]\nid = \"zhou-min\"\nname = \"周敏\"\ntitle = \"仓储部经理\"\nroles = [\"user\"]\n\n[[competitors]]"), "{text}");
    // Same name again: the id is made unique; a bad role is refused by the playbook.
    let t = Test::samples();
    t.kam(&["contact", "kangyuan", "add", "徐青", "--role", "user"])
        .code(0)
        .stdout_has("(xu-qing-2)");
    t.kam(&["contact", "kangyuan", "add", "Ana", "--role", "boss"])
        .code(1)
        .stdout_has("`boss` is not an allowed value");
    t.kam(&["contact", "kangyuan", "add", "Ana", "--id", "xu-qing"])
        .code(2)
        .stderr_has("has a contact `xu-qing` already");
}

#[test]
fn a_bad_option_value_is_a_check_diagnostic_on_the_command_line_and_the_file_stays() {
    // A date that does not exist, an amount that is not one: the diagnostic `kam set` gives, all
    // of them in one run, exit 1.
    let out = Test::samples()
        .args(&[
            "log",
            "kangyuan",
            "--form",
            "phone",
            "--next-date",
            "2026-02-30",
            "--gift-value",
            "abc",
        ])
        .run();
    out.code(1)
        .stdout_has("error[KAM003]: `--next-date` expects a date, not `2026-02-30`")
        .stdout_has("--> command line:1:13")
        .stdout_has("error[KAM003]: `--gift-value` expects an amount, not `abc`")
        .stdout_has("nothing was changed");
    assert_eq!(out.read(KANGYUAN), sample());
    let out = Test::samples()
        .args(&["task", "kangyuan", "add", "报价", "--due", "2026-02-30"])
        .run();
    out.code(1)
        .stdout_has("error[KAM003]: `--due` expects a date, not `2026-02-30`")
        .stdout_has("nothing was changed");
    assert_eq!(out.read(KANGYUAN), sample());
    // A misspelt form gets its did-you-mean, pointing at the command line.
    let out = Test::samples().args(&["log", "kangyuan", "--form", "fone"]).run();
    out.code(1)
        .stdout_has("error[KAM004]: `fone` is not an allowed value of `--form`")
        .stdout_has("--> command line:1:8")
        .stdout_has("did you mean `phone`?");
    assert_eq!(out.read(KANGYUAN), sample());
}

#[test]
fn a_misspelt_form_label_gets_a_did_you_mean_under_the_chinese_playbook() {
    let out = Test::samples()
        .file("kam.yaml", &crate::support::zh_playbook())
        .args(&["log", "kangyuan", "--form", "电子邮箱"])
        .run();
    out.code(1)
        .stdout_has("`电子邮箱` is not an allowed value of `--form`")
        .stdout_has("did you mean `电子邮件` (email)?");
    assert_eq!(out.read(KANGYUAN), sample());
}
