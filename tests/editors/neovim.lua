-- Neovim's own LSP client against `preflight lsp` (run by tests/node/editors.test.mjs):
-- open a SyncTV config, wait for the diagnostics, apply the quick fix of an origin, fix the
-- port by editing the buffer (an incremental change), and write what Neovim saw as JSON.
-- Parameters come from the environment: PREFLIGHT_BIN, CONFIG, RESULT. Neovim 0.7 or later.
local bin, config, result_file = vim.env.PREFLIGHT_BIN, vim.env.CONFIG, vim.env.RESULT
local out = { steps = {} }

local function finish()
  local f = io.open(result_file, 'w')
  f:write(vim.fn.json_encode(out))
  f:close()
  vim.cmd('qa!')
end

local function codes(buf)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(list, { code = code, line = d.lnum + 1 })
  end
  table.sort(list, function(a, b) return a.line < b.line or (a.line == b.line and a.code < b.code) end)
  return list
end

local ok, err = pcall(function()
  local client_id = vim.lsp.start_client({
    name = 'preflight',
    cmd = { bin, 'lsp' },
    root_dir = vim.fn.fnamemodify(config, ':h'),
  })
  vim.cmd('edit ' .. vim.fn.fnameescape(config))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)

  vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  out.opened = codes(buf)

  -- The quick fix on the origin's line (line 6, 0-based 5), applied by Neovim itself.
  local line = 5
  local col = vim.api.nvim_buf_get_lines(buf, line, line + 1, false)[1]:find('https', 1, true)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = line, character = col }, ['end'] = { line = line, character = col } },
    context = { diagnostics = {} },
  }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 5000) or {}
  local titles = {}
  for _, response in pairs(responses) do
    for _, action in ipairs(response.result or {}) do
      table.insert(titles, action.title)
      vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
    end
  end
  out.actions = titles
  out.fixed_line = vim.api.nvim_buf_get_lines(buf, line, line + 1, false)[1]

  -- An edit in the buffer: the port becomes valid; wait for the diagnostics to follow.
  local port_line = vim.api.nvim_buf_get_lines(buf, 1, 2, false)[1]
  local s, e = port_line:find('70000', 1, true)
  vim.api.nvim_buf_set_text(buf, 1, s - 1, 1, e, { '8080' })
  vim.wait(10000, function()
    for _, d in ipairs(codes(buf)) do
      if d.code == 'port/out-of-range' then return false end
    end
    return true
  end, 20)
  out.edited = codes(buf)
  out.text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
end)
if not ok then out.error = tostring(err) end
finish()
