//! `kam dashboard`: the page parsed with an HTML parser, its structure and its numbers checked
//! against `kam stats` and `kam forecast` on the same accounts; every SVG parsed as XML; nothing
//! loaded from outside; no personal data; the playbook's language.

use crate::support::{Test, repo};

/// The page's tags matching a selector: their attributes and inner text.
struct Tag {
    attrs: std::collections::HashMap<String, String>,
    text: String,
}

/// Tags matching a chain of simple selectors separated by spaces (`table.funnel tbody tr`), each
/// looked for inside the tags the one before it matched.
fn select(html: &str, chain: &str) -> Vec<Tag> {
    let dom = tl::parse(html, tl::ParserOptions::default()).expect("the page parses as HTML");
    let parser = dom.parser();
    let mut steps = chain.split(' ');
    let first = steps.next().unwrap();
    let mut found: Vec<tl::HTMLTag<'_>> = dom
        .query_selector(first)
        .map(|it| {
            it.filter_map(|h| h.get(parser).and_then(|n| n.as_tag()).cloned())
                .collect()
        })
        .unwrap_or_default();
    for step in steps {
        found = found
            .iter()
            .flat_map(|tag| {
                tag.query_selector(parser, step)
                    .map(|it| {
                        it.filter_map(|h| h.get(parser).and_then(|n| n.as_tag()).cloned())
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
            .collect();
    }
    found
        .into_iter()
        .map(|t| Tag {
            attrs: t
                .attributes()
                .iter()
                .map(|(k, v)| (k.to_string(), v.map(|v| v.to_string()).unwrap_or_default()))
                .collect(),
            text: t.inner_text(parser).to_string(),
        })
        .collect()
}

fn page(t: Test) -> String {
    let out = t.args(&["dashboard", "-o", "pipeline.html"]).run();
    // Said in the playbook's words.
    let wrote = ["wrote pipeline.html", "已写入 pipeline.html"];
    assert!(wrote.iter().any(|w| out.stdout.contains(w)), "{}", out.stdout);
    out.code(0);
    out.read("pipeline.html")
}

fn json(t: Test, args: &[&str]) -> serde_json::Value {
    let out = t.args(args).run();
    out.code(0);
    serde_json::from_str(&out.stdout).unwrap()
}

fn float(s: &str) -> Option<f64> {
    if s.is_empty() { None } else { Some(s.parse().unwrap()) }
}

#[test]
fn the_page_holds_every_part() {
    let html = page(Test::samples());
    assert!(html.starts_with("<!DOCTYPE html>"));
    for id in ["matrix", "funnel", "pipeline", "forecast", "agenda", "owners"] {
        assert_eq!(select(&html, &format!("section#{id}")).len(), 1, "section #{id}");
    }
    assert_eq!(select(&html, "html")[0].attrs["lang"], "en");
    assert!(select(&html, "h1")[0].text.contains("Pipeline"));
    // One mark per assessed account, its name on hover.
    let points = select(&html, "g.point");
    assert_eq!(points.len(), 10);
    let titles = select(&html, "g.point title");
    assert!(
        titles
            .iter()
            .any(|t| t.text.contains("江苏康源医药物流有限公司 (kangyuan-pharma)"))
    );
    // Won, lost and paused accounts are rings, apart from the pipeline's dots, and each mark's
    // hover text names its stage: a lost deal never reads as work to do in the A zone.
    let list = json(Test::samples(), &["list", "--format", "json"]);
    let stage_of = |id: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .map(|s| s["stage"].as_str().unwrap().to_string())
            .unwrap()
    };
    let mut closed = 0;
    for (p, title) in points.iter().zip(&titles) {
        let id = &p.attrs["data-id"];
        let stage = stage_of(id);
        assert_eq!(p.attrs["data-stage"], stage, "{id}");
        let ring = p.attrs["class"].split(' ').any(|c| c == "closed");
        assert_eq!(
            ring,
            ["won", "lost", "paused"].contains(&stage.as_str()),
            "{id} in {stage}"
        );
        closed += usize::from(ring);
        let label = match stage.as_str() {
            "qualify" => "Qualify the target",
            "demo" => "Demo and information gathering",
            "assess" => "Value assessment and development plan",
            "relationship" => "Relationship with key decision-makers",
            "close" => "Close",
            "won" => "Won",
            "lost" => "Lost",
            _ => "Paused (observe)",
        };
        assert!(title.text.contains(&format!(" · {label} · ")), "{id}: {}", title.text);
    }
    assert!(
        closed >= 3 && closed < points.len(),
        "{closed} closed of {}",
        points.len()
    );
    let kangyuan = titles.iter().find(|t| t.text.contains("(kangyuan-pharma)")).unwrap();
    assert!(
        kangyuan.text.contains("— A · Close · Value 75.0 · Difficulty 37.5"),
        "{}",
        kangyuan.text
    );
    // The legend names both marks.
    let shapes = select(&html, "p.shapes span.item");
    assert_eq!(shapes.len(), 2);
    assert!(shapes[0].text.contains("in the pipeline") && shapes[1].text.contains("won, lost or paused"));
    // The playbook's four tiers shade the matrix.
    let zones = select(&html, "rect.zone");
    assert!(zones.len() >= 4);
    // The agenda of the next 14 days: late items first, none beyond 2026-12-09.
    let items = select(&html, "table.agenda tbody tr");
    assert!(!items.is_empty());
    for item in &items {
        let date = item.text.trim().get(..10).unwrap().to_string();
        assert!(date.as_str() <= "2026-12-09", "{date}");
    }
    let owners = select(&html, "table.owners tbody tr");
    let names: Vec<&str> = owners.iter().map(|o| o.attrs["data-owner"].as_str()).collect();
    assert_eq!(names, ["chen.jie", "li.wei", "lucia.herrera", "wang.fang", "zhang.min"]);
}

#[test]
fn the_funnel_and_forecast_are_the_numbers_of_stats_and_forecast() {
    let html = page(Test::samples());
    let stats = json(Test::samples(), &["stats", "--format", "json"]);
    let rows = select(&html, "table.funnel tbody tr");
    let stages = stats["total"]["stages"].as_array().unwrap();
    assert_eq!(rows.len(), stages.len());
    for (row, stage) in rows.iter().zip(stages) {
        assert_eq!(row.attrs["data-stage"], stage["id"].as_str().unwrap());
    }
    let cells: Vec<Tag> = select(&html, "table.funnel tbody td")
        .into_iter()
        .filter(|c| c.attrs.contains_key("data-key"))
        .collect();
    for (i, stage) in stages.iter().enumerate() {
        for (j, key) in [
            "now",
            "entered",
            "left",
            "advanced",
            "conversion",
            "median_days",
            "p90_days",
        ]
        .iter()
        .enumerate()
        {
            let cell = &cells[i * 7 + j];
            assert_eq!(cell.attrs["data-key"], *key);
            assert_eq!(
                float(&cell.attrs["data-value"]),
                stage[key].as_f64(),
                "{} {key}",
                stage["id"]
            );
        }
    }
    let o = &select(&html, "p.outcomes")[0];
    let outcomes = &stats["total"]["outcomes"];
    for key in ["won", "lost", "paused"] {
        assert_eq!(o.attrs[&format!("data-{key}")], outcomes[key].to_string());
    }
    assert_eq!(float(&o.attrs["data-win-rate"]), outcomes["win_rate"].as_f64());
    let forecast = json(Test::samples(), &["forecast", "--format", "json"]);
    let tables = select(&html, "table.forecast");
    let currencies = forecast["currencies"].as_array().unwrap();
    let shown: Vec<&str> = tables.iter().map(|t| t.attrs["data-currency"].as_str()).collect();
    let expected: Vec<&str> = currencies.iter().map(|c| c["currency"].as_str().unwrap()).collect();
    assert_eq!(shown, expected);
    // Every month of every currency, in order: its key, amounts and accounts.
    let rows: Vec<Tag> = select(&html, "table.forecast tbody tr")
        .into_iter()
        .filter(|r| r.attrs.contains_key("data-month"))
        .collect();
    let months: Vec<&serde_json::Value> = currencies
        .iter()
        .flat_map(|c| c["by_month"].as_array().unwrap())
        .collect();
    assert_eq!(rows.len(), months.len());
    for (row, b) in rows.iter().zip(months) {
        assert_eq!(row.attrs["data-month"], b["key"].as_str().unwrap_or(""));
        for account in b["accounts"].as_array().unwrap() {
            assert!(row.text.contains(account.as_str().unwrap()), "{}", row.text);
        }
    }
    let amounts: Vec<f64> = select(&html, "table.forecast tbody td")
        .into_iter()
        .filter_map(|c| c.attrs.get("data-value").map(|v| v.parse().unwrap()))
        .collect();
    let expected: Vec<f64> = currencies
        .iter()
        .flat_map(|c| c["by_month"].as_array().unwrap())
        .flat_map(|b| [b["unweighted"].as_f64().unwrap(), b["weighted"].as_f64().unwrap()])
        .collect();
    assert_eq!(amounts, expected);
}

#[test]
fn every_chart_is_well_formed_svg_and_nothing_comes_from_outside() {
    let html = page(Test::samples());
    let mut charts = 0;
    let mut rest = html.as_str();
    while let Some(start) = rest.find("<svg") {
        let end = rest[start..].find("</svg>").expect("every svg is closed") + start + "</svg>".len();
        let svg = &rest[start..end];
        let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not XML ({e}):\n{svg}"));
        assert_eq!(doc.root_element().tag_name().name(), "svg");
        assert_eq!(
            doc.root_element().tag_name().namespace(),
            Some("http://www.w3.org/2000/svg")
        );
        charts += 1;
        rest = &rest[end..];
    }
    // The matrix, the funnel, the days in stage and one forecast per currency.
    assert_eq!(charts, 5);
    assert!(select(&html, "script").is_empty(), "no script");
    assert!(select(&html, "link").is_empty(), "no linked style or font");
    assert!(select(&html, "img").is_empty());
    assert_eq!(select(&html, "style").len(), 1);
    // No address but the SVG namespace's.
    let without_ns = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assert!(!without_ns.contains("http://") && !without_ns.contains("https://"));
    assert!(!html.contains("@import") && !html.contains("url("));
}

#[test]
fn personal_data_stays_out() {
    // The samples' sensitive values (birthdays, mobiles, family) never reach the page.
    let html = page(Test::samples());
    for sample in std::fs::read_dir(repo().join("accounts")).unwrap() {
        let dir = sample.unwrap().path();
        for file in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
            for line in text.lines() {
                if let Some(value) = ["birthday = ", "mobile = ", "family = ", "habits = ", "origin = "]
                    .iter()
                    .find_map(|k| line.strip_prefix(k))
                {
                    let value = value.trim_matches('"');
                    assert!(!html.contains(value), "{line} is on the page");
                }
            }
        }
    }
    // A playbook that marks the client's name as personal data: ids instead of names.
    let t = Test::samples().playbook(|yaml| {
        yaml.replace(
            "{ id: name, label: Client, kind: text, required: always,",
            "{ id: name, label: Client, kind: text, required: always, sensitive: true,",
        )
    });
    let html = page(t);
    assert!(!html.contains("江苏康源医药物流有限公司"));
    assert!(
        select(&html, "g.point title")
            .iter()
            .any(|t| t.text.starts_with("kangyuan-pharma (kangyuan-pharma)"))
    );
}

#[test]
fn the_chinese_playbook_gives_a_chinese_page() {
    let t =
        Test::samples().playbook(|_| std::fs::read_to_string(repo().join("examples/playbooks/zh-CN.yaml")).unwrap());
    let html = page(t);
    assert_eq!(select(&html, "html")[0].attrs["lang"], "zh-CN");
    assert!(select(&html, "section#funnel h2")[0].text.contains("开发漏斗"));
    assert!(select(&html, "table.funnel tbody tr")[0].text.contains("确定开发对象"));
    assert!(select(&html, "section#matrix h2")[0].text.contains("价值 × 难度"));
    let shapes = select(&html, "p.shapes span.item");
    assert!(shapes[0].text.contains("在管道中") && shapes[1].text.contains("已成交、已丢单或暂缓"));
    assert!(
        select(&html, "g.point title")
            .iter()
            .any(|t| t.text.contains(" · 已丢单 · "))
    );
}

/// The Mermaid bar charts of a Markdown output, each with the text that follows its block.
fn bar_charts(md: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = md;
    while let Some(start) = rest.find("```mermaid\n") {
        let body = &rest[start + 11..];
        let end = body.find("```\n").unwrap();
        let after = body[end + 4..].lines().next().unwrap_or_default().to_string();
        if body[..end].contains("xychart-beta") {
            out.push((body[..end].to_string(), after));
        }
        rest = &body[end + 4..];
    }
    out
}

#[test]
fn every_chart_of_several_series_has_a_legend() {
    // The dashboard: each chart drawing two kinds of marks has a legend naming both, beside it.
    let html = page(Test::samples());
    for (section, keys) in [
        ("section#funnel", ["director.entered", "director.now"]),
        ("section#forecast", ["forecast.unweighted", "forecast.weighted"]),
    ] {
        let legends = select(&html, &format!("{section} p.legend"));
        assert!(!legends.is_empty(), "{section}");
        let words = keys.map(|k| match k {
            "director.entered" => "Entered",
            "director.now" => "Now",
            "forecast.unweighted" => "Unweighted",
            _ => "Weighted",
        });
        assert!(
            legends.iter().any(|l| words.iter().all(|w| l.text.contains(w))),
            "{section}"
        );
    }
    assert!(
        select(&html, "section#funnel p.legend")
            .iter()
            .any(|l| l.text.contains("Median days") && l.text.contains("90th pct days"))
    );
    // Markdown: Mermaid draws no legend, so a line under each bar chart names its series, back to
    // front, and the chart's palette is fixed to match it.
    for (lang, playbook) in [("en", None), ("zh", Some("examples/playbooks/zh-CN.yaml"))] {
        let t = || match playbook {
            Some(p) => Test::samples().playbook(|_| std::fs::read_to_string(repo().join(p)).unwrap()),
            None => Test::samples(),
        };
        let stats = t().args(&["stats", "--format", "md"]).run().stdout;
        let forecast = t().args(&["forecast", "--format", "md"]).run().stdout;
        let (back, front) = if lang == "en" {
            ("Light bars, behind:", "dark bars, in front:")
        } else {
            ("浅色柱（在后）：", "深色柱（在前）：")
        };
        let charts: Vec<(String, String)> = bar_charts(&stats).into_iter().chain(bar_charts(&forecast)).collect();
        assert!(charts.len() >= 2, "{lang}: {charts:?}");
        for (chart, legend) in &charts {
            assert_eq!(chart.matches("    bar [").count(), 2, "{chart}");
            assert!(chart.contains("\"plotColorPalette\": \"#90caf9, #1565c0\""), "{chart}");
            assert!(
                legend.starts_with('*') && legend.contains(back) && legend.contains(front),
                "{lang}: {legend:?}"
            );
        }
        let first = &bar_charts(&stats)[0].1;
        let entered = if lang == "en" { "Entered" } else { "进入" };
        let after_back = &first[first.find(back).unwrap() + back.len()..];
        assert!(after_back.trim_start().starts_with(entered), "{first}");
    }
}

#[test]
fn without_output_the_page_goes_to_stdout() {
    let out = Test::samples().args(&["dashboard"]).run();
    out.code(0);
    assert!(out.stdout.starts_with("<!DOCTYPE html>"));
    assert!(out.stdout.trim_end().ends_with("</html>"));
}
