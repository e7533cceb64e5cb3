-- A supplier's default tracking options (issue 16): one per Xero tracking category, at most two (Xero puts at most
-- two on a line; the API refuses a third). Before this, one tracking option rode in supplier_coding_defaults.class_id;
-- it moves here, keyed by its category, and class_id is left for classes. A category or option removed from the
-- mirrored lists takes its default with it. Who set them is the row's set_by in supplier_coding_defaults.
CREATE TABLE supplier_tracking_defaults (
  supplier_id TEXT NOT NULL REFERENCES supplier_coding_defaults(supplier_id) ON DELETE CASCADE,
  category_id TEXT NOT NULL REFERENCES list_entries(id) ON DELETE CASCADE,
  option_id TEXT NOT NULL REFERENCES list_entries(id) ON DELETE CASCADE,
  PRIMARY KEY (supplier_id, category_id)
);

INSERT INTO supplier_tracking_defaults (supplier_id, category_id, option_id)
SELECT d.supplier_id, o.parent_id, o.id
  FROM supplier_coding_defaults d JOIN list_entries o ON o.id = d.class_id
 WHERE o.kind = 'tracking_option' AND o.parent_id IS NOT NULL;

UPDATE supplier_coding_defaults SET class_id = NULL
 WHERE class_id IN (SELECT id FROM list_entries WHERE kind = 'tracking_option');
