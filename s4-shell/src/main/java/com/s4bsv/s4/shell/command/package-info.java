@NullMarked
package com.s4bsv.s4.shell.command;

import org.jspecify.annotations.NullMarked;
