@NullMarked
package com.s4bsv.s4.server.web;

import org.jspecify.annotations.NullMarked;
