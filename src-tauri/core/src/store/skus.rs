//! Storage of the SKU catalogue.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{now_timestamp, Store};
use crate::accounts::name_key;
use crate::error::{Error, Result};
use crate::skus::{Sku, SkuInput};
use crate::types::Source;

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

pub(crate) fn insert_sku(conn: &Connection, v: &SkuInput, source: Source) -> Result<i64> {
    check_unique(conn, None, v)?;
    let now = now_timestamp();
    conn.execute(
        "INSERT INTO skus (name, name_key, inn, atc, form, strength, pack_size, ean, code, list_price_minor, currency,
            discounts, rx, ours, notes, source, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)",
        params![
            v.name,
            name_key(&v.name),
            v.inn,
            v.atc,
            v.form,
            v.strength,
            v.pack_size,
            none_if_empty(&v.ean),
            none_if_empty(&v.code),
            v.list_price_minor,
            v.currency,
            serde_json::to_string(&v.discounts).unwrap_or_default(),
            v.rx,
            v.ours,
            v.notes,
            source,
            now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

impl Store {
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
        check_unique(&self.conn, Some(id), &v)?;
        self.conn.execute(
            "UPDATE skus SET name = ?2, name_key = ?3, inn = ?4, atc = ?5, form = ?6, strength = ?7, pack_size = ?8,
                ean = ?9, code = ?10, list_price_minor = ?11, currency = ?12, discounts = ?13, rx = ?14, ours = ?15,
                notes = ?16, updated_at = ?17 WHERE id = ?1",
            params![
                id,
                v.name,
                name_key(&v.name),
                v.inn,
                v.atc,
                v.form,
                v.strength,
                v.pack_size,
                none_if_empty(&v.ean),
                none_if_empty(&v.code),
                v.list_price_minor,
                v.currency,
                serde_json::to_string(&v.discounts).unwrap_or_default(),
                v.rx,
                v.ours,
                v.notes,
                now_timestamp()
            ],
        )?;
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
