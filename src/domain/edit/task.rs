//! The development plan's tasks (`[[plan]]`): `kam task ID add TEXT --owner --due`, `kam task ID
//! done N` and `kam task ID list`. Tasks are numbered from 1 in file order; new tasks are
//! appended, so a task keeps its number.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::account::value::{Spanned, Table, as_date, as_str};
use crate::domain::edit::people::check_person;
use crate::domain::edit::{Change, Lit, Op, Plan, Refused, Step, entries};
use crate::domain::playbook::{Playbook, Said};

/// The status a finished task gets, and the field that dates it.
pub const DONE: &str = "done";
/// Statuses of tasks that are no longer open.
pub const CLOSED: [&str; 2] = ["done", "dropped"];

/// A new task.
#[derive(Debug, Clone, Default)]
pub struct NewTask {
    pub task: String,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub support: Option<String>,
    pub step: Option<String>,
    /// Accept an owner kam has not seen.
    pub new_person: bool,
}

/// One task as listed.
#[derive(Debug, Clone, Serialize)]
pub struct TaskRow {
    /// The task's number, from 1.
    pub n: usize,
    pub task: String,
    pub step: Option<String>,
    pub owner: Option<String>,
    pub support: Option<String>,
    pub due: Option<NaiveDate>,
    pub status: String,
    pub done: Option<NaiveDate>,
    /// Open and past its due date.
    pub overdue: bool,
}

impl TaskRow {
    pub fn is_open(&self) -> bool {
        !CLOSED.contains(&self.status.as_str())
    }

    /// The task as outputs show it: its text, step, owner and support replaced by
    /// [`crate::domain::privacy::hidden`] where the playbook marks them sensitive and `include`
    /// (`--include-sensitive`) is not given.
    #[must_use]
    pub fn shown(mut self, pb: &crate::domain::playbook::Playbook, include: bool) -> TaskRow {
        use crate::domain::privacy::{Scope, hidden, may_show};
        let plan = Scope::Record("plan");
        let hide = |field: &str| !may_show(pb, plan, field, include);
        if hide("task") {
            self.task = hidden(pb).to_string();
        }
        for (field, value) in [
            ("step", &mut self.step),
            ("owner", &mut self.owner),
            ("support", &mut self.support),
        ] {
            if value.is_some() && hide(field) {
                *value = Some(hidden(pb).to_string());
            }
        }
        self
    }
}

/// The account's tasks, numbered from 1.
pub fn tasks(root: &Spanned<Table<'_>>, today: NaiveDate) -> Vec<TaskRow> {
    entries(root, "plan")
        .into_iter()
        .enumerate()
        .map(|(n, (_, t))| {
            let s = |k: &str| t.get(k).and_then(|v| as_str(v.get_ref())).map(|s| s.trim().to_string());
            let d = |k: &str| t.get(k).and_then(|v| as_date(v.get_ref()));
            let status = s("status").filter(|s| !s.is_empty()).unwrap_or_else(|| "open".into());
            let due = d("due");
            let open = !CLOSED.contains(&status.as_str());
            TaskRow {
                n: n + 1,
                task: s("task").unwrap_or_default(),
                step: s("step"),
                owner: s("owner").filter(|o| !o.is_empty()),
                support: s("support"),
                due,
                done: d(DONE),
                overdue: open && due.is_some_and(|due| due < today),
                status,
            }
        })
        .collect()
}

/// The label of a task status (`doing` → "In progress"), or the status itself.
pub fn status_label(pb: &Playbook, id: &str) -> String {
    pb.record_type("plan")
        .and_then(|rt| rt.field("status"))
        .and_then(|f| f.allowed.as_deref())
        .and_then(|values| values.iter().find(|v| v.id == id))
        .map_or_else(|| id.to_string(), |v| v.label.clone())
}

/// The plan of `kam task ID add`.
pub fn plan_add(pb: &Playbook, t: &NewTask, account_owner: &str, people: &[String]) -> Result<Plan, Refused> {
    let task = t.task.trim();
    if task.is_empty() {
        return Err(
            Refused::new(Said::new("edit.task_empty", "the task is empty")).help(Said::new(
                "edit.task_empty_help",
                "`kam task ID add \"what to do\" --owner NAME --due YYYY-MM-DD`",
            )),
        );
    }
    let owner = t
        .owner
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .unwrap_or(account_owner.trim());
    if !t.new_person {
        check_person(people, owner, Said::new("edit.role.task_owner", "a task owner"))?;
    }
    let given: Vec<(&str, Option<Lit>)> = vec![
        ("task", Some(Lit::Str(task.into()))),
        ("step", t.step.clone().filter(|s| !s.trim().is_empty()).map(Lit::Str)),
        ("owner", (!owner.is_empty()).then(|| Lit::Str(owner.into()))),
        (
            "support",
            t.support.clone().filter(|s| !s.trim().is_empty()).map(Lit::Str),
        ),
        ("due", t.due.map(Lit::Date)),
        ("status", Some(Lit::Str("open".into()))),
    ];
    let order: Vec<&str> = pb
        .record_type("plan")
        .map(|rt| rt.fields.iter().map(|f| f.id.as_str()).collect())
        .unwrap_or_default();
    let mut record: Vec<(String, Lit)> = given
        .into_iter()
        .filter(|(k, _)| order.contains(k))
        .filter_map(|(k, v)| v.map(|v| (k.to_string(), v)))
        .collect();
    record.sort_by_key(|(k, _)| order.iter().position(|o| o == k));
    let label = |id: &str| {
        pb.record_type("plan")
            .and_then(|rt| rt.field(id))
            .map_or_else(|| id.to_string(), |f| f.label.clone())
    };
    let mut parts = vec![task.to_string()];
    if !owner.is_empty() {
        parts.push(pb.fill(
            "report.fact",
            "{label}: {value}",
            &[("label", &label("owner")), ("value", &owner)],
        ));
    }
    if let Some(due) = t.due {
        parts.push(pb.fill(
            "report.fact",
            "{label}: {value}",
            &[("label", &label("due")), ("value", &due)],
        ));
    }
    let summary = parts.join(pb.text("report.item_separator", "; "));
    Ok(Plan {
        ops: vec![Op::Append {
            array: "plan".into(),
            record,
        }],
        changes: vec![Change::new(
            pb.text("edit.new_task", "new task (plan)"),
            None,
            Some(summary),
        )],
        notes: Vec::new(),
    })
}

/// The plan of `kam task ID done N`: status `done`, dated.
pub fn plan_done(pb: &Playbook, root: &Spanned<Table<'_>>, n: usize, date: NaiveDate) -> Result<Plan, Refused> {
    let all = entries(root, "plan");
    let Some((index, _)) = n.checked_sub(1).and_then(|i| all.get(i)) else {
        return Err(Refused::new(Said::new("edit.no_task", "no task {n}").arg("n", n)).help(
            Said::new(
                "edit.no_task_help",
                "the plan has {count} tasks; `kam task ID list` numbers them",
            )
            .arg("count", all.len()),
        ));
    };
    let row = tasks(root, date)
        .into_iter()
        .nth(n - 1)
        .ok_or_else(|| Refused::new(Said::new("edit.no_task", "no task {n}").arg("n", n)))?;
    if row.status == DONE {
        return Err(Refused::new(match row.done {
            Some(d) => Said::new("edit.task_done_on", "task {n} is done already ({date})")
                .arg("n", n)
                .arg("date", d),
            None => Said::new("edit.task_done", "task {n} is done already").arg("n", n),
        }));
    }
    let status = |id: &str| status_label(pb, id);
    let table = vec![Step::Key("plan".into()), Step::Index(*index)];
    let mut plan = Plan::default();
    plan.ops.push(Op::set(&table, "status", Lit::Str(DONE.into())));
    plan.changes.push(Change::new(
        pb.fill("edit.task_n", "task {n} ({task})", &[("n", &n), ("task", &row.task)]),
        Some(status(&row.status)),
        Some(status(DONE)),
    ));
    if let Some(done) = pb.record_type("plan").and_then(|rt| rt.field(DONE)) {
        plan.ops.push(Op::set(&table, DONE, Lit::Date(date)));
        plan.changes.push(Change::new(
            format!("{} (plan.{n}.{DONE})", done.label),
            row.done.map(|d| d.to_string()),
            Some(date.to_string()),
        ));
    }
    Ok(plan)
}
