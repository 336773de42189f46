package com.s4bsv.s4.shell;

import com.s4bsv.s4.shell.cli.OneShot;
import com.s4bsv.s4.shell.client.ChannelOutput;
import com.s4bsv.s4.shell.client.S4ClientException;
import com.s4bsv.s4.shell.command.Io;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The s4 client. With arguments it runs one command on the plain client library and exits, without starting Spring
 * (start-up is most of a one-shot command's time); without arguments it opens the interactive Spring Shell session.
 */
@SpringBootApplication
public class S4ShellApplication {

    public static void main(String[] args) {
        if (args.length == 0) {
            SpringApplication.run(S4ShellApplication.class, args);
            return;
        }
        if (args.length == 1 && args[0].equals("--cds-training")) {
            System.exit(OneShot.train());
        }
        OutputStream out = new ChannelOutput(new FileOutputStream(FileDescriptor.out), 64 * 1024);
        boolean tty = Boolean.getBoolean("s4.stderr.tty") || "1".equals(System.getenv("S4_PROGRESS"));
        int code = new OneShot(new Io(new FileInputStream(FileDescriptor.in), out, System.err, tty)).run(args);
        try {
            out.flush();
        } catch (IOException e) {
            if (code == 0 && !S4ClientException.isBrokenPipe(e)) {
                System.err.println("fatal: cannot write output: " + e.getMessage());
                code = 1;
            }
        }
        System.exit(code);
    }
}
