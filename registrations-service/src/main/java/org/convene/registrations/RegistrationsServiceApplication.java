package org.convene.registrations;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class RegistrationsServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(RegistrationsServiceApplication.class, args);
    }
}
