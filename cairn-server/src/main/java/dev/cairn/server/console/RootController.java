package dev.cairn.server.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** People who open the server's address in a browser want the console. */
@Controller
public class RootController {
    @GetMapping("/")
    public String root() {
        return "redirect:/console";
    }
}
