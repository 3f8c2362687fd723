@NullMarked
package org.convene.events.web;

import org.jspecify.annotations.NullMarked;
