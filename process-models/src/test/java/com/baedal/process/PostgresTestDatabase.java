package com.baedal.process;

import com.baedal.testsupport.LocalPostgres;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives the process tests a fresh database {@value #DATABASE} on the local PostgreSQL (once per test run). Register it
 * before {@code ProcessEngineExtension}, which builds the engine from {@code camunda.cfg.xml} on that database.
 */
public class PostgresTestDatabase implements BeforeAllCallback {

    static final String DATABASE = "baedal_process_test";

    @Override
    public void beforeAll(ExtensionContext context) {
        LocalPostgres.freshDatabase(DATABASE);
    }
}
