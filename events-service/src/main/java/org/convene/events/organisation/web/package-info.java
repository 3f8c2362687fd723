@NullMarked
package org.convene.events.organisation.web;

import org.jspecify.annotations.NullMarked;
