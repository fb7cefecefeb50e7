package io.tidbbinlog.sim.pumpclient;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TiDB's {@code binlog.strategy}: how a prewrite binlog picks its pump (pump_client/selector.go). TiDB also
 * knows {@code score}, whose selector is a stub that never returns a pump; it is not offered here.
 */
public enum SelectionStrategy {
    /** Round robin over the available pumps; TiDB's default. */
    RANGE("range"),
    /** {@code (start_ts + retry) % available}. */
    HASH("hash");

    private static final Logger LOG = LoggerFactory.getLogger(SelectionStrategy.class);

    private final String configName;

    SelectionStrategy(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /**
     * The strategy named in TiDB's config. Like TiDB's {@code NewSelector}, an unknown name falls back to
     * {@code range} with a warning instead of failing.
     */
    public static SelectionStrategy fromConfig(String name) {
        if (name != null) {
            for (SelectionStrategy s : values()) {
                if (s.configName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
        }
        LOG.warn("unknown pump selection strategy '{}', using range", name);
        return RANGE;
    }

    PumpSelector newSelector() {
        return this == HASH ? new HashSelector() : new RangeSelector();
    }
}
