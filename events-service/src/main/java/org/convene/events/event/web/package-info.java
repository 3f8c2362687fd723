@NullMarked
package org.convene.events.event.web;

import org.jspecify.annotations.NullMarked;
