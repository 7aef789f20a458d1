//! GraphML (<http://graphml.graphdrawing.org/>), which Gephi, yEd and networkx open. One directed graph; every
//! attribute is declared as a `<key>` with its type, and every node and edge carries its values as `<data>`.

use std::fmt::Write;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Int(i64),
    Real(f64),
}

/// An attribute: its name (also its key id), whether nodes or edges carry it, and its GraphML type.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    pub name: &'static str,
    pub domain: Domain,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Domain {
    Node,
    Edge,
}

/// A node (no ends) or an edge (source and target node ids), with its attribute values.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    pub id: String,
    pub ends: Option<(String, String)>,
    pub data: Vec<(&'static str, Value)>,
}

fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // XML 1.0 cannot carry most control characters, even escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
}

/// The GraphML type of an attribute, from the first value given for it.
fn type_of(elements: &[Element], key: &Key) -> &'static str {
    let value = elements.iter().flat_map(|e| &e.data).find(|(name, _)| *name == key.name).map(|(_, v)| v);
    match value {
        Some(Value::Int(_)) => "long",
        Some(Value::Real(_)) => "double",
        _ => "string",
    }
}

/// The whole document.
pub fn write(keys: &[Key], nodes: &[Element], edges: &[Element]) -> String {
    let mut out = String::with_capacity(256 + (nodes.len() + edges.len()) * 400);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for key in keys {
        let (domain, elements) = match key.domain {
            Domain::Node => ("node", nodes),
            Domain::Edge => ("edge", edges),
        };
        let ty = type_of(elements, key);
        let _ = writeln!(
            out,
            "  <key id=\"{domain}_{0}\" for=\"{domain}\" attr.name=\"{0}\" attr.type=\"{ty}\"/>",
            key.name
        );
    }
    out.push_str("  <graph id=\"avain\" edgedefault=\"directed\">\n");
    for (domain, elements) in [("node", nodes), ("edge", edges)] {
        for e in elements {
            out.push_str("    <");
            out.push_str(domain);
            out.push_str(" id=\"");
            escape(&e.id, &mut out);
            if let Some((source, target)) = &e.ends {
                out.push_str("\" source=\"");
                escape(source, &mut out);
                out.push_str("\" target=\"");
                escape(target, &mut out);
            }
            out.push_str("\">\n");
            for (name, value) in &e.data {
                let _ = write!(out, "      <data key=\"{domain}_{name}\">");
                match value {
                    Value::Text(t) => escape(t, &mut out),
                    Value::Int(i) => {
                        let _ = write!(out, "{i}");
                    }
                    Value::Real(r) => {
                        let _ = write!(out, "{}", if r.is_finite() { *r } else { 0.0 });
                    }
                }
                out.push_str("</data>\n");
            }
            let _ = writeln!(out, "    </{domain}>");
        }
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_declared_keys_and_escaped_values_that_an_xml_parser_reads_back() {
        let keys = [
            Key { name: "name", domain: Domain::Node },
            Key { name: "score", domain: Domain::Node },
            Key { name: "strength", domain: Domain::Edge },
        ];
        let nodes = vec![
            Element {
                id: "p1".into(),
                ends: None,
                data: vec![("name", Value::Text("Ä & <B> \"C\"\u{1}".into())), ("score", Value::Real(42.5))],
            },
            Element { id: "p2".into(), ends: None, data: vec![("name", Value::Text("Bo".into()))] },
        ];
        let edges = vec![Element {
            id: "l1".into(),
            ends: Some(("p1".into(), "p2".into())),
            data: vec![("strength", Value::Int(4))],
        }];
        let xml = write(&keys, &nodes, &edges);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let key_types: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("key"))
            .map(|n| (n.attribute("attr.name").unwrap(), n.attribute("attr.type").unwrap()))
            .collect();
        assert_eq!(key_types, [("name", "string"), ("score", "double"), ("strength", "long")]);
        let first = doc.descendants().find(|n| n.has_tag_name("node")).unwrap();
        let name = first.children().find(|n| n.attribute("key") == Some("node_name")).unwrap();
        assert_eq!(name.text(), Some("Ä & <B> \"C\" "));
        let edge = doc.descendants().find(|n| n.has_tag_name("edge")).unwrap();
        assert_eq!((edge.attribute("source"), edge.attribute("target")), (Some("p1"), Some("p2")));
        let graph = doc.descendants().find(|n| n.has_tag_name("graph")).unwrap();
        assert_eq!(graph.attribute("edgedefault"), Some("directed"));
    }
}
