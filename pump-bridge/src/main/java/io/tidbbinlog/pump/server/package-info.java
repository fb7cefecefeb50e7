/**
 * Pump's network face (spec §1.4-§1.6, §4.7; binlog:pump/server.go): {@link io.tidbbinlog.pump.server.PumpService}
 * implements {@code binlog.Pump} (WriteBinlog, PullBinlogs) over a {@link io.tidbbinlog.pump.storage.BinlogStorage};
 * {@link io.tidbbinlog.pump.server.PumpEndpoint} serves it and Pump's HTTP API on one TCP port (TLS first when
 * configured, then gRPC or HTTP/1.1 by the connection's first bytes, as Pump does with cmux), and optionally gRPC on
 * a unix socket. {@link io.tidbbinlog.pump.server.PumpControl} is what both need from the running node.
 */
package io.tidbbinlog.pump.server;
