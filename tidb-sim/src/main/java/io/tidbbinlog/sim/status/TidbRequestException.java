package io.tidbbinlog.sim.status;

/**
 * A request TiDB would answer with {@code handler.WriteError}: status 400, the Go error's text as the body. The
 * message is that text, verbatim.
 */
final class TidbRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TidbRequestException(String goErrorText) {
        super(goErrorText);
    }

    /** {@code infoschema.ErrDatabaseNotExists} (MySQL 1049, class schema). */
    static TidbRequestException unknownDatabase(String db) {
        return new TidbRequestException("[schema:1049]Unknown database '" + truncate(db) + "'");
    }

    /** {@code infoschema.ErrTableNotExists} as {@code TableByName} raises it (MySQL 1146). */
    static TidbRequestException noSuchTable(String db, String table) {
        return new TidbRequestException("[schema:1146]Table '" + truncate(db) + "." + truncate(table)
                + "' doesn't exist");
    }

    /** {@code ErrTableNotExists.GenWithStack("Table which ID = %s does not exist.")}. */
    static TidbRequestException noTableWithId(String idAsGiven) {
        return new TidbRequestException("[schema:1146]Table which ID = " + idAsGiven + " does not exist.");
    }

    /** MySQL's {@code %-.192s}: names in messages are cut at 192 characters. */
    private static String truncate(String s) {
        return s.length() <= 192 ? s : s.substring(0, 192);
    }
}
