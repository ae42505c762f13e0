package dev.cairn.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.util.Arrays;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CairnApplication {

    public static void main(String[] args) {
        // "--demo" is the documented switch; Spring would otherwise treat it as an unknown non-option argument.
        if (Arrays.asList(args).contains("--demo")) {
            System.setProperty("cairn.demo", "true");
            args = Arrays.stream(args).filter(a -> !a.equals("--demo")).toArray(String[]::new);
        }
        SpringApplication.run(CairnApplication.class, args);
    }
}
