package io.tidbbinlog.testservices;

import org.junit.jupiter.api.extension.ExtensionContext;

/** Finds the extension context of the test class, so a server lives as long as the class, not one test. */
final class TestServiceContexts {

    private TestServiceContexts() {
    }

    static ExtensionContext classLevel(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }
}
