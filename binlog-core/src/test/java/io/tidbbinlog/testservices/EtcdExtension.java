package io.tidbbinlog.testservices;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class its own {@link EtcdServer}: started before the first test, closed after the last (also
 * when tests fail). Tests receive it as a parameter of a test, lifecycle method or constructor:
 *
 * <pre>{@code
 * @ExtendWith(EtcdExtension.class)
 * class RegistryTest {
 *     @Test void works(EtcdServer etcd) { ... etcd.clientUrl() ... }
 * }
 * }</pre>
 */
public final class EtcdExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EtcdExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // only the class that started the server closes it (a @Nested class reuses its outer class's)
        EtcdServer server = context.getStore(NAMESPACE).remove(EtcdServer.class, EtcdServer.class);
        if (server != null) {
            server.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EtcdServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    private static EtcdServer server(ExtensionContext context) {
        // stored at class level, so every test of the class shares it; afterAll closes it
        ExtensionContext classContext = TestServiceContexts.classLevel(context);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(EtcdServer.class, k -> EtcdServer.launch(),
                EtcdServer.class);
    }
}
