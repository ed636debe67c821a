package com.baedal.workers;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The external-task workers of the {@code order-delivery} process: payment charge and refund against the card
 * provider, and notifications. They talk to the engine only through its external-task REST API.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkersApplication {

    public static void main(String[] args) {
        SpringApplication.run(WorkersApplication.class, args);
    }
}
