@NullMarked
package org.convene.events.request.web;

import org.jspecify.annotations.NullMarked;
