package io.tidbbinlog.testservices;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class its own {@link MariaDbServer}: started before the first test, closed after the last (also
 * when tests fail). Tests receive it as a parameter of a test, lifecycle method or constructor:
 *
 * <pre>{@code
 * @ExtendWith(MariaDbExtension.class)
 * class LoaderTest {
 *     @Test void works(MariaDbServer db) { ... db.jdbcUrl() ... }
 * }
 * }</pre>
 */
public final class MariaDbExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MariaDbExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // only the class that started the server closes it (a @Nested class reuses its outer class's)
        MariaDbServer server = context.getStore(NAMESPACE).remove(MariaDbServer.class, MariaDbServer.class);
        if (server != null) {
            server.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MariaDbServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    private static MariaDbServer server(ExtensionContext context) {
        // stored at class level, so every test of the class shares it; afterAll closes it
        ExtensionContext classContext = TestServiceContexts.classLevel(context);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(MariaDbServer.class, k -> MariaDbServer.launch(),
                MariaDbServer.class);
    }
}
