package io.jcharm.controller;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One action run: its parameters, status, results and log; a mutable document.
 *
 * <pre>{@code
 * Action a = new Action();
 * a.id = "1"; a.unit = "hello/0"; a.name = "greet"; a.params.put("shout", true);
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Action {
    public String id;
    public String unit;
    public String name;
    public Map<String, Object> params = new LinkedHashMap<>();
    /** pending, running, completed or failed. */
    public String status = "pending";
    public Map<String, Object> results = new TreeMap<>();
    public String message = "";
    public List<String> log = new ArrayList<>();
}
