//! The `support` rule of a stage gate: support outweighs opposition. The seeds define a veto
//! (技術\運營部門: 建議權,否決權) and say every purchase has forces for and against us, in every
//! layer; so a contact whose role holds a veto and who stands against us closes the gate whatever
//! the balance, and the balance weighs every contact with a stance by the playbook's weights.

use crate::domain::gate::evaluate::Ctx;

impl Ctx<'_, '_, '_> {
    /// Support outweighs opposition: no contact whose role holds a veto stands against us
    /// (a negative stance weight), and the stance weights of every contact (of `layer`, when
    /// given) add up to more than zero.
    pub(crate) fn support(&self, layer: Option<&str>) -> Result<String, String> {
        let stance_enum = self
            .pb
            .record_type("contacts")
            .and_then(|c| c.field("stance"))
            .and_then(|f| f.values.as_deref())
            .unwrap_or("stance");
        let mut sum = 0.0;
        let (mut pro, mut contra, mut unknown) = (0, 0, 0);
        let mut vetoes = Vec::new();
        for c in &self.account.contacts {
            let stance = c.str("stance");
            let weight = stance
                .and_then(|s| self.pb.enum_value(stance_enum, s))
                .and_then(|v| v.weight);
            if weight.is_some_and(|w| w < 0.0)
                && let Some(role) = c
                    .list("roles")
                    .into_iter()
                    .find_map(|r| self.pb.enum_value("role", r).filter(|v| v.veto))
            {
                let who = match (c.str("id"), c.str("name")) {
                    (Some(id), Some(name)) => format!("`{id}` ({name})"),
                    (Some(id), None) => format!("`{id}`"),
                    (None, name) => name
                        .unwrap_or(self.pb.text("gate.rule.a_contact", "a contact"))
                        .to_string(),
                };
                vetoes.push(self.pb.fill(
                    "gate.rule.veto_holder",
                    "{who}, {role}, is {stance}",
                    &[
                        ("who", &who),
                        ("role", &role.label),
                        ("stance", &self.pb.enum_label(stance_enum, stance.unwrap_or_default())),
                    ],
                ));
            }
            if layer.is_some_and(|l| self.account.contact_layer(self.pb, c) != Some(l)) {
                continue;
            }
            match weight {
                Some(w) if w > 0.0 => pro += 1,
                Some(w) if w < 0.0 => contra += 1,
                Some(_) => {}
                None => unknown += 1,
            }
            sum += weight.unwrap_or(0.0);
        }
        let whom = match layer {
            Some(l) => self.pb.enum_label("layer", l).to_string(),
            None => self.pb.text("gate.rule.every_contact", "Every contact").to_string(),
        };
        let text = self.pb.fill(
            "gate.rule.support",
            "{whom}: {pro} for, {contra} against, balance {balance}",
            &[
                ("whom", &whom),
                ("pro", &pro),
                ("contra", &contra),
                ("balance", &format!("{sum:+}")),
            ],
        );
        if !vetoes.is_empty() {
            return Err(self.pb.fill(
                "gate.rule.vetoed",
                "vetoed: {vetoes} — a veto holder against us blocks the gate whatever the balance ({support}); defuse the opposition first",
                &[("vetoes", &vetoes.join("; ")), ("support", &text)],
            ));
        }
        if sum > 0.0 {
            Ok(text)
        } else if unknown > 0 {
            Err(self.pb.fill(
                "gate.rule.no_stance",
                "{support}; {n} without a stance — assess `stance` in [[contacts]]",
                &[("support", &text), ("n", &unknown)],
            ))
        } else {
            Err(self.pb.fill(
                "gate.rule.raise_support",
                "{support} — raise support or defuse opposition",
                &[("support", &text)],
            ))
        }
    }
}
