/**
 * Pump binlog + TiDB schema -> {@link io.tidbbinlog.model.Txn}: the decoder every consumer of pumps uses.
 * A binlog decodes with the table as it was at the schema version the transaction was written under.
 */
package io.tidbbinlog.decode;
