package com.baedal.readmodel;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The read-model service: projects the order events of topic {@code baedal.order-events} into its own database and
 * answers the order queries of SPEC §5 from there. It never calls the engine.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ReadModelApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReadModelApplication.class, args);
    }
}
