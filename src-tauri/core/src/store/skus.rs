//! Storage of the SKU catalogue.

use std::path::Path;

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

use super::{now_timestamp, Store};
use crate::accounts::name_key;
use crate::error::{Error, Result};
use crate::sales::pricelist::{self, PriceAction, PriceList, PriceListOptions, Resolution};
use crate::skus::{Sku, SkuInput};
use crate::types::{Ref, Source};

const COLUMNS: &str =
    "id, name, inn, atc, form, strength, pack_size, ean, code, list_price_minor, currency, discounts, rx, ours, notes";

fn sku_from_row(r: &Row) -> rusqlite::Result<Sku> {
    let discounts: String = r.get(11)?;
    Ok(Sku {
        id: r.get(0)?,
        name: r.get(1)?,
        inn: r.get(2)?,
        atc: r.get(3)?,
        form: r.get(4)?,
        strength: r.get(5)?,
        pack_size: r.get(6)?,
        ean: r.get(7)?,
        code: r.get(8)?,
        list_price_minor: r.get(9)?,
        currency: r.get(10)?,
        discounts: serde_json::from_str(&discounts).unwrap_or_default(),
        rx: r.get(12)?,
        ours: r.get(13)?,
        notes: r.get(14)?,
    })
}

fn find(conn: &Connection, id: i64) -> Result<Sku> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM skus WHERE id = ?1"), [id], sku_from_row)
        .optional()?
        .ok_or(Error::NotFound { what: "The SKU", id })
}

fn check_unique(conn: &Connection, id: Option<i64>, v: &SkuInput) -> Result<()> {
    let clash = |sql: &str, value: &str| -> Result<bool> {
        Ok(conn.query_row(sql, params![value, id], |r| r.get::<_, i64>(0)).optional()?.is_some())
    };
    if clash("SELECT id FROM skus WHERE name_key = ?1 AND id IS NOT ?2", &name_key(&v.name))? {
        return Err(Error::Conflict {
            code: "duplicate_name",
            field: "name",
            message: format!("There is already a SKU called {}.", v.name),
        });
    }
    if !v.ean.is_empty() && clash("SELECT id FROM skus WHERE ean = ?1 AND id IS NOT ?2", &v.ean)? {
        return Err(Error::Conflict {
            code: "duplicate_ean",
            field: "ean",
            message: format!("Another SKU already has the EAN {}.", v.ean),
        });
    }
    if !v.code.is_empty() && clash("SELECT id FROM skus WHERE code = ?1 AND id IS NOT ?2", &v.code)? {
        return Err(Error::Conflict {
            code: "duplicate_code",
            field: "code",
            message: format!("Another SKU already has the code {}.", v.code),
        });
    }
    Ok(())
}

fn none_if_empty(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

/// The columns a SKU's fields are stored in, in the order of [`stored_values`].
const STORED: &str =
    "name, name_key, inn, atc, form, strength, pack_size, ean, code, list_price_minor, currency, discounts, rx, ours, notes";

fn stored_values(v: &SkuInput) -> Vec<Value> {
    vec![
        v.name.clone().into(),
        name_key(&v.name).into(),
        v.inn.clone().into(),
        v.atc.clone().into(),
        v.form.clone().into(),
        v.strength.clone().into(),
        v.pack_size.clone().into(),
        none_if_empty(&v.ean).map(str::to_string).into(),
        none_if_empty(&v.code).map(str::to_string).into(),
        v.list_price_minor.into(),
        v.currency.clone().into(),
        serde_json::to_string(&v.discounts).unwrap_or_default().into(),
        v.rx.into(),
        v.ours.into(),
        v.notes.clone().into(),
    ]
}

/// "?1, ?2, …" for the stored columns.
fn stored_placeholders() -> String {
    (1..=STORED.split(',').count()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ")
}

pub(crate) fn insert_sku(conn: &Connection, v: &SkuInput, source: Source) -> Result<i64> {
    check_unique(conn, None, v)?;
    let now = now_timestamp();
    let n = STORED.split(',').count();
    let mut values = stored_values(v);
    values.extend([Value::from(source.as_str().to_string()), Value::from(now)]);
    conn.execute(
        &format!(
            "INSERT INTO skus ({STORED}, source, created_at, updated_at) VALUES ({}, ?{}, ?{2}, ?{2})",
            stored_placeholders(),
            n + 1,
            n + 2
        ),
        params_from_iter(values),
    )?;
    Ok(conn.last_insert_rowid())
}

fn update_sku_row(conn: &Connection, id: i64, v: &SkuInput) -> Result<()> {
    check_unique(conn, Some(id), v)?;
    let n = STORED.split(',').count();
    let mut values = stored_values(v);
    values.extend([Value::from(now_timestamp()), Value::from(id)]);
    conn.execute(
        &format!(
            "UPDATE skus SET ({STORED}) = ({}), updated_at = ?{} WHERE id = ?{}",
            stored_placeholders(),
            n + 1,
            n + 2
        ),
        params_from_iter(values),
    )?;
    Ok(())
}

/// What a price-list row does to `catalogue`: the SKU with the same code, else EAN, else name is updated.
fn resolve(catalogue: &[Sku], file: &SkuInput, competitor: bool) -> Result<Resolution> {
    let found = catalogue
        .iter()
        .find(|s| !file.code.is_empty() && s.code.as_deref() == Some(file.code.as_str()))
        .or_else(|| catalogue.iter().find(|s| !file.ean.is_empty() && s.ean.as_deref() == Some(file.ean.as_str())))
        .or_else(|| catalogue.iter().find(|s| name_key(&s.name) == name_key(&file.name)));
    Ok(match found {
        None => Resolution::Create(SkuInput { ours: Some(!competitor), ..file.clone() }.validate()?),
        Some(sku) => {
            let before = SkuInput::from(sku);
            let merged = before.overlay(file).validate()?;
            let r = Ref { id: sku.id, name: sku.name.clone() };
            if merged == before.validate()? {
                Resolution::Unchanged(r)
            } else {
                Resolution::Update(r, merged)
            }
        }
    })
}

impl Store {
    /// What importing a price list would do to the catalogue; saves nothing.
    pub fn inspect_price_list(&self, path: &Path, options: &PriceListOptions) -> Result<PriceList> {
        let catalogue = self.list_skus()?;
        pricelist::read(path, options, |file| resolve(&catalogue, file, options.competitor))
    }

    /// Creates and updates the catalogue's SKUs from a price list, in one transaction.
    pub fn import_price_list(&mut self, path: &Path, options: &PriceListOptions) -> Result<PriceList> {
        let list = self.inspect_price_list(path, options)?;
        if let Some(blocker) = &list.blocker {
            return Err(Error::invalid("price_list_unclear", "fields", format!("{blocker} Nothing was imported.")));
        }
        let tx = self.conn.transaction()?;
        for row in &list.rows {
            match (row.action, &row.existing) {
                (PriceAction::Create, _) => {
                    insert_sku(&tx, &row.sku, Source::Import)?;
                }
                (PriceAction::Update, Some(existing)) => update_sku_row(&tx, existing.id, &row.sku)?,
                _ => {}
            }
        }
        tx.commit()?;
        self.announce("sku", None, "imported", Source::Import);
        Ok(list)
    }

    pub fn list_skus(&self) -> Result<Vec<Sku>> {
        let mut stmt =
            self.conn.prepare(&format!("SELECT {COLUMNS} FROM skus ORDER BY ours DESC, name COLLATE NOCASE"))?;
        let rows = stmt.query_map([], sku_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn create_sku(&mut self, input: &SkuInput, source: Source) -> Result<Sku> {
        let v = input.validate()?;
        let id = insert_sku(&self.conn, &v, source)?;
        self.announce("sku", Some(id), "created", source);
        find(&self.conn, id)
    }

    pub fn update_sku(&mut self, id: i64, input: &SkuInput, source: Source) -> Result<Sku> {
        let v = input.validate()?;
        find(&self.conn, id)?;
        update_sku_row(&self.conn, id, &v)?;
        self.announce("sku", Some(id), "updated", source);
        find(&self.conn, id)
    }

    pub fn delete_sku(&mut self, id: i64) -> Result<()> {
        if self.conn.execute("DELETE FROM skus WHERE id = ?1", [id])? == 0 {
            return Err(Error::NotFound { what: "The SKU", id });
        }
        self.announce("sku", Some(id), "deleted", Source::User);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sales::pricelist::SkuField;

    const PRICE_LIST: &str = "Lääketukku Oy — hinnasto 1.1.2027\n\
        Hinnat euroa, ALV 0 %\n\
        \n\
        Vnr;Kauppanimi;Vaikuttava aine;ATC;Lääkemuoto;Vahvuus;Pakkauskoko;EAN;Tukkuhinta €;Ketjuhinta €;Sairaala-alennus %;Rx/OTC\n\
        SYDÄN- JA VERISUONITAUDIT;;;;;;;;;;;\n\
        012345;Cardivel 20 mg;atorvastatiini;c10aa05;tabletti;20 mg;30 tabl;6415600012345;12,40;11,78;8;Rx\n\
        012346;Cardivel 40 mg;atorvastatiini;C10AA05;tabletti;40 mg;30 tabl;123;18,90;;8 %;Rx\n\
        004411;Dolorex 400 mg;ibuprofeeni;M01AE01;tabletti;400 mg;30 tabl;;4,95;4,70;;OTC\n\
        012345;Cardivel 20 mg (uusi);atorvastatiini;C10AA05;tabletti;20 mg;30 tabl;;12,40;;;Rx\n";

    #[test]
    fn a_price_list_creates_and_updates_skus_and_a_second_import_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("data")).unwrap();
        let old = store
            .create_sku(
                &SkuInput {
                    name: "Dolorex 400mg".into(),
                    code: "004411".into(),
                    list_price_minor: Some(450),
                    notes: "Launch 2019".into(),
                    ..Default::default()
                },
                Source::User,
            )
            .unwrap();
        let path = dir.path().join("hinnasto.csv");
        std::fs::write(&path, PRICE_LIST).unwrap();
        let options = PriceListOptions::default();

        let seen = store.inspect_price_list(&path, &options).unwrap();
        let fields: Vec<SkuField> = seen.columns.iter().map(|c| c.field).collect();
        assert_eq!(
            fields,
            [
                SkuField::Code,
                SkuField::Name,
                SkuField::Inn,
                SkuField::Atc,
                SkuField::Form,
                SkuField::Strength,
                SkuField::PackSize,
                SkuField::Ean,
                SkuField::ListPrice,
                SkuField::LevelPrice,
                SkuField::Discount,
                SkuField::Rx
            ]
        );
        assert_eq!((seen.created, seen.updated, seen.unchanged, seen.skipped), (2, 1, 0, 2));
        assert_eq!(store.list_skus().unwrap().len(), 1, "looking saves nothing");
        let skipped: Vec<&str> = seen.rows.iter().filter_map(|r| r.message.as_deref()).collect();
        assert!(skipped[0].contains("heading"), "{skipped:?}");
        assert!(skipped[1].contains("same product as row"), "{skipped:?}");
        assert!(seen.problems.iter().any(|p| p.value == "123" && p.message.contains("EAN")));

        let done = store.import_price_list(&path, &options).unwrap();
        assert_eq!((done.created, done.updated), (2, 1));
        let skus = store.list_skus().unwrap();
        let c20 = skus.iter().find(|s| s.code.as_deref() == Some("012345")).unwrap();
        assert_eq!((c20.atc.as_str(), c20.list_price_minor, c20.rx, c20.ours), ("C10AA05", Some(1240), true, true));
        assert_eq!(c20.ean.as_deref(), Some("6415600012345"));
        assert_eq!(c20.discounts.len(), 2);
        assert_eq!((c20.discounts[0].label.as_str(), c20.discounts[0].percent), ("Ketjuhinta", 5.0));
        assert_eq!((c20.discounts[1].label.as_str(), c20.discounts[1].percent), ("Sairaala-alennus", 8.0));
        let dolorex = skus.iter().find(|s| s.id == old.id).unwrap();
        assert_eq!(dolorex.name, "Dolorex 400 mg", "the list's name wins");
        assert_eq!((dolorex.list_price_minor, dolorex.rx), (Some(495), false));
        assert_eq!(dolorex.notes, "Launch 2019", "what only the user keeps stays");

        let again = store.import_price_list(&path, &options).unwrap();
        assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 3));
    }

    #[test]
    fn a_competitors_list_and_a_list_without_names() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("data")).unwrap();
        let path = dir.path().join("kilpailija.csv");
        std::fs::write(&path, "Product,Price\nStatinol 20 mg 30 tabl,9.90\n").unwrap();
        let options = PriceListOptions { competitor: true, ..Default::default() };
        store.import_price_list(&path, &options).unwrap();
        assert!(!store.list_skus().unwrap()[0].ours);

        for (header, field) in [
            ("Tuotenumero", SkuField::Code),
            ("Artikelnummer", SkuField::Code),
            ("Kauppanimi", SkuField::Name),
            ("Tuotenimi", SkuField::Name),
            ("Listpris SEK", SkuField::ListPrice),
            ("Цена, руб", SkuField::ListPrice),
            ("МНН", SkuField::Inn),
            ("Штрихкод", SkuField::Ean),
            ("Luokka", SkuField::Ignore),
        ] {
            assert_eq!(crate::sales::pricelist::field_from_header(header), field, "{header}");
        }

        let nameless = dir.path().join("numbers.csv");
        std::fs::write(&nameless, "Code,Price\n1,9.90\n").unwrap();
        let err = store.import_price_list(&nameless, &PriceListOptions::default()).unwrap_err();
        assert_eq!(err.code(), "price_list_unclear");
        let fields = Some(vec![SkuField::Name, SkuField::ListPrice]);
        let list = store.inspect_price_list(&nameless, &PriceListOptions { fields, ..Default::default() }).unwrap();
        assert_eq!((list.created, list.blocker), (1, None));
        assert_eq!(store.list_skus().unwrap().len(), 1, "the refused list saved nothing");
    }

    #[test]
    fn skus_are_saved_and_unique() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let input = SkuInput {
            name: "Burana 400 mg 30 tabl".into(),
            ean: "6415600012345".into(),
            list_price_minor: Some(595),
            ..Default::default()
        };
        let sku = store.create_sku(&input, Source::User).unwrap();
        assert!(sku.rx && sku.ours);
        assert_eq!(store.create_sku(&input, Source::User).unwrap_err().code(), "duplicate_name");
        let other = SkuInput { name: "Other".into(), ..input.clone() };
        assert_eq!(store.create_sku(&other, Source::User).unwrap_err().code(), "duplicate_ean");
        let renamed = store
            .update_sku(sku.id, &SkuInput { name: "Burana 400 mg 20 tabl".into(), ..input }, Source::User)
            .unwrap();
        assert_eq!(renamed.list_price_minor, Some(595));
        assert_eq!(store.list_skus().unwrap().len(), 1);
        store.delete_sku(sku.id).unwrap();
        assert_eq!(store.delete_sku(sku.id).unwrap_err().code(), "not_found");
    }
}
