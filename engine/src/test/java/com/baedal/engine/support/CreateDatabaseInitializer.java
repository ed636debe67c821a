package com.baedal.engine.support;

import com.baedal.testsupport.LocalPostgres;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Gives the test context a fresh PostgreSQL database (the one {@code spring.datasource.url} names) before the
 * datasource starts: dropped and created once per test run, shared by every test of that run.
 */
public class CreateDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        LocalPostgres.freshDatabaseOf(context.getEnvironment().getRequiredProperty("spring.datasource.url"));
    }
}
